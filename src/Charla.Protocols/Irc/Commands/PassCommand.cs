using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>
/// PASS &lt;password&gt; before registration: the server password, when the server has one
/// (<c>PasswordHash</c>), checked as registration completes (464 and the connection closed if
/// it is wrong or missing); without one it is accepted and ignored. 462 once registered.
/// </summary>
public sealed class PassCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        if (context.Session.IsRegistered)
        {
            context.Session.Numeric(Numerics.ErrAlreadyRegistered, "You may not reregister");
            return;
        }

        context.Session.GivenPassword = message[0];
    }
}
