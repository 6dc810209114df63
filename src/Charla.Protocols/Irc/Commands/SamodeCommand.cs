using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>
/// SAMODE &lt;channel&gt; &lt;modestring&gt; [&lt;arguments&gt;...], as InspIRCd and UnrealIRCd have it, for
/// operators with the override privilege (the dispatcher answers 481 and 723): MODE on a channel
/// whether or not the operator is one of its operators or members; the change is announced as
/// any MODE is, and the override told and logged as such (see <see cref="ChannelAccess"/>).
/// </summary>
public sealed class SamodeCommand : IIrcCommand
{
    private static readonly ModeCommand Mode = new();

    public void Execute(IrcContext context, IrcMessage message)
    {
        if (!message[0].StartsWith('#'))
        {
            context.Session.Numeric(Numerics.ErrNoSuchChannel, message[0], "No such channel");
            return;
        }

        Mode.Execute(context, message);
    }
}
