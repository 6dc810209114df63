using System.Globalization;
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
        // Each 353 line is encoded straight into the line buffer: no string per name or per line.
        var session = context.Session;
        var (allPrefixes, userhosts) = (session.Has(Capabilities.MultiPrefix), session.Has(Capabilities.UserhostInNames));
        var line = new Utf8LineWriter();
        var namesStart = -1;
        foreach (var member in members)
        {
            var prefix = MemberPrefix(channel, member, allPrefixes);
            var name = userhosts ? IrcWireFormat.PrefixOf(member, member.Nick) : member.Nick;
            if (namesStart >= 0 && line.Length - namesStart + prefix.Length + name.Length + 1 > NamesLineBudget)
            {
                EndLine(session, ref line);
                namesStart = -1;
            }

            if (namesStart < 0)
            {
                line = new Utf8LineWriter();
                IrcLine.WriteHead(ref line, context.Server.Name, Numerics.RplNamReply, session.Target);
                line.Append((byte)' ');
                line.Append(Symbol(channel));
                line.Append((byte)' ');
                line.Append(channel.Name);
                line.Append(" :"u8);
                namesStart = line.Length;
            }
            else
            {
                line.Append((byte)' ');
            }

            line.Append(prefix);
            line.Append(name);
        }

        if (namesStart >= 0)
        {
            EndLine(session, ref line);
        }

        session.Numeric(Numerics.RplEndOfNames, channel.Name, "End of /NAMES list");
    }

    private static void EndLine(IrcSession session, ref Utf8LineWriter line)
    {
        line.EndLine();
        session.SendCopy(line.Written);
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

    /// <summary>
    /// The prefix a member shows in NAMES and WHO: "@" for an operator, "+" for voice; with
    /// multi-prefix every one it has, highest first ("@+").
    /// </summary>
    public static string MemberPrefix(Channel channel, ClientSession member, bool all = false)
    {
        var (op, voice) = channel.Flags(member);
        return (op, voice, all) switch
        {
            (true, true, true) => "@+",
            (true, _, _) => "@",
            (false, true, _) => "+",
            _ => string.Empty,
        };
    }

    /// <summary>
    /// The channel named <paramref name="name"/> if it exists (else 403) and the client is in it
    /// (else 442): what commands that act on a channel from inside need first.
    /// </summary>
    public static Channel? JoinedChannel(IrcContext context, string name)
    {
        var session = context.Session;
        var channel = context.Engine.FindChannel(name);
        if (channel is null)
        {
            session.Numeric(Numerics.ErrNoSuchChannel, name, "No such channel");
        }
        else if (!channel.IsMember(session))
        {
            session.Numeric(Numerics.ErrNotOnChannel, channel.Name, "You're not on that channel");
            return null;
        }

        return channel;
    }

    /// <summary>RPL_NAMREPLY's channel symbol: "@" for a secret channel, "=" for a public one.</summary>
    public static string Symbol(Channel channel) => channel.Modes.Secret ? "@" : "=";

    /// <summary>Whether <paramref name="session"/> may see that <paramref name="channel"/> exists and who is in it (+s hides it from outsiders).</summary>
    public static bool IsVisibleTo(Channel channel, ClientSession session) => !channel.Modes.Secret || channel.IsMember(session);

    /// <summary>The JOIN line the joiner gets back: its own prefix, as the others see it.</summary>
    public static string JoinEcho(IrcSession session, Channel channel) => IrcLine.Build(session.Prefix, "JOIN", [channel.Name]);
}
