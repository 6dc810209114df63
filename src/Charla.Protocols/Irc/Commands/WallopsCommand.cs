using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>WALLOPS :&lt;text&gt;: an operator's message to every user with mode +w; others get 481.</summary>
public sealed class WallopsCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var session = context.Session;
        context.Engine.Events.OperatorWallops(session.Nick, session.OperatorName ?? "?");
        context.Engine.Wallops(session, message[0]);
    }
}
