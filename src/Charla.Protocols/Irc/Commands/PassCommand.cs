using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>PASS &lt;password&gt;: accepted before registration; this server has no connection password.</summary>
public sealed class PassCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        if (context.Session.IsRegistered)
        {
            context.Session.Numeric(Numerics.ErrAlreadyRegistered, "You may not reregister");
        }
    }
}
