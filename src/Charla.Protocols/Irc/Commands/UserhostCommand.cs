using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>USERHOST &lt;nick&gt;{ &lt;nick&gt;} (at most 5): 302 with nick=+user@host, '-' when away.</summary>
public sealed class UserhostCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var replies = message.Params.Take(5)
            .Select(nick => context.Engine.FindByNick(nick))
            .OfType<Core.Sessions.ClientSession>()
            .Select(user => $"{user.Nick}={(user.AwayMessage is null ? '+' : '-')}{user.UserName}@{IrcLine.Host(user.Host)}");
        context.Session.Numeric(Numerics.RplUserHost, string.Join(' ', replies));
    }
}
