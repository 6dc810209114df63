using System.Globalization;
using System.Text;
using Charla.Core.Channels;
using Charla.Core.Sessions;
using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>Replies about a channel shared by JOIN, NAMES, TOPIC and MODE.</summary>
public static class ChannelReplies
{
    /// <summary>Room left in a 353 line for names (512 less the server, numeric, target and channel, with margin).</summary>
    private const int NamesLineBudget = 400;

    /// <summary>RPL_NAMREPLY lines then RPL_ENDOFNAMES, for <paramref name="members"/> (a snapshot).</summary>
    public static void SendNames(IrcContext context, Channel channel, IReadOnlyList<ClientSession> members)
    {
        var session = context.Session;
        var names = new StringBuilder();
        foreach (var member in members)
        {
            var entry = MemberPrefix(channel, member) + (session.Has(Capabilities.UserhostInNames)
                ? IrcWireFormat.PrefixOf(member, member.Nick)
                : member.Nick);
            if (names.Length > 0 && names.Length + entry.Length + 1 > NamesLineBudget)
            {
                session.Numeric(Numerics.RplNamReply, "=", channel.Name, names.ToString());
                names.Clear();
            }

            names.Append(names.Length > 0 ? " " : string.Empty).Append(entry);
        }

        if (names.Length > 0)
        {
            session.Numeric(Numerics.RplNamReply, "=", channel.Name, names.ToString());
        }

        session.Numeric(Numerics.RplEndOfNames, channel.Name, "End of /NAMES list");
    }

    /// <summary>RPL_TOPIC and RPL_TOPICWHOTIME, or RPL_NOTOPIC when <paramref name="always"/> and none is set.</summary>
    public static void SendTopic(IrcContext context, Channel channel, bool always)
    {
        var session = context.Session;
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

    /// <summary>The prefix a member shows in NAMES and WHO: "@" for an operator.</summary>
    public static string MemberPrefix(Channel channel, ClientSession member) => channel.IsOperator(member) ? "@" : string.Empty;

    /// <summary>
    /// The channel's modes. They are fixed for now: +n (no messages from outside) everywhere,
    /// and +t (only operators set the topic) except in the lobby, which has no operators.
    /// </summary>
    public static string Modes(Channel channel) => channel.IsPermanent ? "+n" : "+nt";

    public static bool TopicLocked(Channel channel) => !channel.IsPermanent;

    /// <summary>The JOIN line the joiner gets back: its own prefix, as the others see it.</summary>
    public static string JoinEcho(IrcSession session, Channel channel) => IrcLine.Build(session.Prefix, "JOIN", [channel.Name]);
}
