using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>PONG: nothing to do; any input already counts as a sign of life.</summary>
public sealed class PongCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
    }
}
