using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>TOPIC &lt;channel&gt; [:&lt;topic&gt;]: read the topic, or set it (an empty topic clears it).</summary>
public sealed class TopicCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var (engine, session) = (context.Engine, context.Session);
        if (message.Count == 1)
        {
            if (engine.FindChannel(message[0]) is { } queried && ChannelReplies.IsVisibleTo(queried, session))
            {
                ChannelReplies.SendTopic(context, queried, always: true);
            }
            else
            {
                session.Numeric(Numerics.ErrNoSuchChannel, message[0], "No such channel");
            }

            return;
        }

        if (ChannelReplies.JoinedChannel(context, message[0]) is not { } channel)
        {
            return;
        }

        if (channel.Modes.TopicLocked && !channel.IsOperator(session))
        {
            session.Numeric(Numerics.ErrChanOPrivsNeeded, channel.Name, "You're not channel operator");
            return;
        }

        var text = message[1];
        engine.SetTopic(session, channel, text.Length > context.Server.TopicLength ? text[..context.Server.TopicLength] : text);
    }
}
