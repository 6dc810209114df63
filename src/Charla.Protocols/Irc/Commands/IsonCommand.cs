using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>ISON &lt;nick&gt;{ &lt;nick&gt;}: 303 with those that are online, as the server spells them.</summary>
public sealed class IsonCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var online = message.Params
            .SelectMany(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(nick => context.Engine.FindByNick(nick)?.Nick)
            .OfType<string>();
        context.Session.Numeric(Numerics.RplIsOn, string.Join(' ', online));
    }
}
