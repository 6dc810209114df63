using Charla.Protocols.Irc.Messages;
using Charla.Protocols.Irc.Replies;

namespace Charla.Protocols.Irc.Commands;

/// <summary>TOPIC &lt;channel&gt; [:&lt;topic&gt;]: read the topic, or set it (an empty topic clears it).</summary>
public sealed class TopicCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var (engine, session) = (context.Engine, context.Session);
        if (message.Count == 1)
        {
            if (ChannelAccess.Visible(context, message[0]) is { } queried)
            {
                TopicReply.Send(context.Session, queried, always: true);
            }

            return;
        }

        if (ChannelAccess.Joined(context, message[0]) is not { } channel || channel.Modes.TopicLocked && !ChannelAccess.IsOperator(context, channel, $"TOPIC {channel.Name}"))
        {
            return;
        }

        var text = message[1];
        engine.SetTopic(session, channel, text.Length > context.Server.TopicLength ? text[..context.Server.TopicLength] : text);
    }
}
