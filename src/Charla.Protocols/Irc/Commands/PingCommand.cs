using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>PING &lt;token&gt;: answered <c>:server PONG server :token</c>, before registration too.</summary>
public sealed class PingCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var server = context.Server.Name;
        context.Session.Reply(server, "PONG", server, [message[0]], trailing: true);
    }
}
