using System.Globalization;
using Charla.Core.Channels;

namespace Charla.Protocols.Irc.Replies;

/// <summary>A channel's topic as JOIN and TOPIC report it: 332 and 333, or 331.</summary>
public static class TopicReply
{
    /// <summary>RPL_TOPIC and RPL_TOPICWHOTIME, or RPL_NOTOPIC when <paramref name="always"/> and none is set.</summary>
    public static void Send(IrcSession session, Channel channel, bool always)
    {
        if (channel.Topic is { } topic)
        {
            session.Numeric(Numerics.RplTopic, channel.Name, topic.Text);
            session.NumericRaw(Numerics.RplTopicWhoTime, channel.Name, topic.SetBy, topic.SetAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        }
        else if (always)
        {
            session.Numeric(Numerics.RplNoTopic, channel.Name, "No topic is set");
        }
    }
}
