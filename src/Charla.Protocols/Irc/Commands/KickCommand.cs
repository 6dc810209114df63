using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>KICK &lt;channel&gt; &lt;user&gt;{,&lt;user&gt;} [:&lt;comment&gt;] by a channel operator; everyone in the channel sees it.</summary>
public sealed class KickCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var (engine, session) = (context.Engine, context.Session);
        if (ChannelReplies.JoinedChannel(context, message[0]) is not { } channel)
        {
            return;
        }

        if (!channel.IsOperator(session))
        {
            session.Numeric(Numerics.ErrChanOPrivsNeeded, channel.Name, "You're not channel operator");
            return;
        }

        var reason = message.Count > 2 && message[2].Length > 0 ? message[2] : session.Nick;
        reason = reason.Length > context.Server.KickLength ? reason[..context.Server.KickLength] : reason;
        foreach (var nick in message[1].Split(',', StringSplitOptions.RemoveEmptyEntries).Take(context.Server.MaxTargets))
        {
            if (engine.FindByNick(nick) is not { } target)
            {
                session.Numeric(Numerics.ErrNoSuchNick, nick, "No such nick/channel");
            }
            else if (!engine.Kick(session, channel, target, reason))
            {
                session.Numeric(Numerics.ErrUserNotInChannel, target.Nick, channel.Name, "They aren't on that channel");
            }
        }
    }
}
