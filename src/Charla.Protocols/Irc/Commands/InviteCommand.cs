using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>
/// INVITE &lt;nick&gt; &lt;channel&gt;: a member invites someone (an operator, when the channel is
/// +i). The inviter gets 341 (and 301 if the invitee is away); the invitee gets INVITE.
/// </summary>
public sealed class InviteCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var (engine, session) = (context.Engine, context.Session);
        if (engine.FindByNick(message[0]) is not { } target)
        {
            session.Numeric(Numerics.ErrNoSuchNick, message[0], "No such nick/channel");
            return;
        }

        if (ChannelAccess.Joined(context, message[1]) is not { } channel || channel.Modes.InviteOnly && !ChannelAccess.IsOperator(context, channel, $"INVITE {message[0]} {channel.Name}"))
        {
            return;
        }

        if (channel.IsMember(target))
        {
            session.Numeric(Numerics.ErrUserOnChannel, target.Nick, channel.Name, "is already on channel");
        }
        else
        {
            engine.Invite(session, channel, target);
            session.NumericRaw(Numerics.RplInviting, target.Nick, channel.Name);
            if (target.AwayMessage is { } away)
            {
                session.Numeric(Numerics.RplAway, target.Nick, away);
            }
        }
    }
}
