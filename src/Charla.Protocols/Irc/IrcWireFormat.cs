using Charla.Core.Routing;
using Charla.Core.Sessions;
using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc;

/// <summary>
/// Core events as IRC lines, with the source's full prefix, in one of the wire forms that the
/// client's capabilities ask for (<see cref="IrcFeatures"/>):
/// <code>
/// @time=...;msgid=...;+client=tag :ana!~ana@host PRIVMSG #lobby :hello   (tags as negotiated)
/// :ana!~ana@host JOIN #lobby [* :Real Name]                              (extended-join)
/// :ana!~ana@host PART #lobby :reason
/// :ana!~ana@host QUIT :reason
/// :ana!~ana@host NICK anna
/// :ana!~ana@host TOPIC #lobby :text
/// :ana!~ana@host MODE #lobby +o bob
/// :ana!~ana@host KICK #lobby bob :reason
/// :ana!~ana@host REDACT #lobby msgid [:reason]                           (draft/message-redaction)
/// :ana!~ana@host INVITE bob #lobby
/// :ana!~ana@host AWAY [:message]                                         (away-notify)
/// :ana!~ana@host SETNAME :Real Name                                      (setname)
/// </code>
/// Plain-mode users appear the same way (<c>Guest1!plain@127.0.0.1</c>).
/// </summary>
public sealed class IrcWireFormat : WireFormat
{
    internal IrcWireFormat(string serverName, IrcFeatures features)
    {
        ServerName = serverName;
        Features = features;
    }

    public IrcFeatures Features { get; }

    /// <summary>The source of the numerics this form writes for events (730/731 of MONITOR).</summary>
    public string ServerName { get; }

    public override ReadOnlyMemory<byte> Encode(ChatEvent chatEvent)
    {
        // The hot path (a line to a channel or a user) is written as bytes directly.
        switch (chatEvent)
        {
            case MessageEvent m:
                return EncodeMessage(m, IrcWireFormatHelpers.StatusPrefix(m.OnlyTo), m.Channel.Name, m.Kind, m.Text, m.ClientTags);
            case PrivateMessageEvent m:
                return EncodeMessage(m, string.Empty, m.TargetNick, m.Kind, m.Text, m.ClientTags);
            case MultilineMessageEvent m:
                return EncodeMultiline(m);
            case PresenceEvent p:
                // "*" for the target: the same line for every watcher (ircv3.net/specs/extensions/monitor).
                return IrcLine.Encode(p.Online
                    ? IrcLine.Build(ServerName, Numerics.RplMonOnline, ["*", PrefixOf(p.Source, p.Nick)], trailing: true)
                    : IrcLine.Build(ServerName, Numerics.RplMonOffline, ["*", p.Nick], trailing: true));
            case MetadataEvent d:
                return IrcLine.Encode(d.Value is null
                    ? IrcLine.Build(ServerName, "METADATA", [d.Target, d.Key, "*"])
                    : IrcLine.Build(ServerName, "METADATA", [d.Target, d.Key, "*", d.Value], trailing: true));
            case WatchedEvent w:
                return Has(IrcFeatures.ExtendedMonitor) ? Encode(w.Inner) : ReadOnlyMemory<byte>.Empty;
        }

        var source = chatEvent is HostChangeEvent h
            ? IrcLine.Prefix(h.SourceNick, h.OldUserName, IrcLine.Host(h.OldHost))
            : PrefixOf(chatEvent.Source, chatEvent.SourceNick);
        var line = chatEvent switch
        {
            JoinEvent j => Join(source, j),
            PartEvent p => p.Reason.Length == 0
                ? IrcLine.Build(source, "PART", [p.Channel.Name])
                : IrcLine.Build(source, "PART", [p.Channel.Name, p.Reason], trailing: true),
            QuitEvent q => IrcLine.Build(source, "QUIT", [q.Reason.Message], trailing: true),
            NickChangeEvent n => IrcLine.Build(source, "NICK", [n.NewNick]),
            TopicEvent t => IrcLine.Build(source, "TOPIC", [t.Channel.Name, t.Text], trailing: true),
            ChannelModeEvent c => IrcLine.Build(source, "MODE", [c.Channel.Name, .. ChannelModeLetters.Format(c.Changes)]),
            KickEvent k => IrcLine.Build(source, "KICK", [k.Channel.Name, k.TargetNick, k.Reason], trailing: true),
            RedactEvent when !Has(IrcFeatures.MessageRedaction) => null, // no fallback: a notice for every deletion is noise
            RedactEvent r => r.Reason.Length == 0
                ? IrcLine.Build(source, "REDACT", [r.Channel.Name, r.MessageIdRedacted])
                : IrcLine.Build(source, "REDACT", [r.Channel.Name, r.MessageIdRedacted, r.Reason], trailing: true),
            RenameEvent r when !Has(IrcFeatures.ChannelRename) => null, // IrcSession.OnChannelRenamed sends the fallback
            RenameEvent r => IrcLine.Build(source, "RENAME", [r.OldName, r.NewName, r.Reason], trailing: true),
            InviteEvent { Audience: InviteAudience.ChannelMembers } i when !Has(IrcFeatures.InviteNotify) => null,
            InviteEvent i => IrcLine.Build(source, "INVITE", [i.TargetNick, i.Channel.Name]),
            AwayEvent a when !Has(IrcFeatures.AwayNotify) => null,
            AwayEvent { Message: null } => IrcLine.Build(source, "AWAY", []),
            AwayEvent a => IrcLine.Build(source, "AWAY", [a.Message!], trailing: true),
            RealNameEvent r when !Has(IrcFeatures.Setname) => null,
            RealNameEvent r => IrcLine.Build(source, "SETNAME", [r.RealName], trailing: true),
            HostChangeEvent when !Has(IrcFeatures.Chghost) => null,
            HostChangeEvent change => IrcLine.Build(source, "CHGHOST", [change.NewUserName, IrcLine.Host(change.NewHost)]),
            WallopsEvent w => IrcLine.Build(source, "WALLOPS", [w.Text], trailing: true),
            _ => null,
        };
        return line is null ? ReadOnlyMemory<byte>.Empty : IrcLine.Encode(Tags(chatEvent) + line);
    }

    /// <summary>
    /// <c>[@tags] :nick!user@host PRIVMSG|NOTICE|TAGMSG target[ :text]</c> (an action as CTCP
    /// ACTION; TAGMSG only for clients with message-tags), written as UTF-8 with no string in between.
    /// </summary>
    private ReadOnlyMemory<byte> EncodeMessage(ChatEvent chatEvent, string statusPrefix, string target, MessageKind kind, string text, string clientTags)
    {
        if (kind == MessageKind.TagsOnly && !Has(IrcFeatures.MessageTags))
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var line = new Utf8LineWriter();
        WriteTags(ref line, chatEvent, clientTags);
        WriteMessage(ref line, chatEvent, statusPrefix, target, kind, text);
        return line.ToArray();
    }

    /// <summary>
    /// <c>:nick!user@host PRIVMSG|NOTICE|TAGMSG target[ :text]</c> and CR LF, after whatever tags
    /// the caller wrote; the text is cut if the sender's prefix would take the line past 512 bytes.
    /// </summary>
    private static void WriteMessage(ref Utf8LineWriter line, ChatEvent chatEvent, string statusPrefix, string target, MessageKind kind, string text)
    {
        var messageStart = line.Length;
        WriteSource(ref line, chatEvent);
        line.Append(kind switch
        {
            MessageKind.TagsOnly => " TAGMSG "u8,
            MessageKind.Notice => " NOTICE "u8,
            _ => " PRIVMSG "u8,
        });
        line.Append(statusPrefix);
        line.Append(target);
        if (kind != MessageKind.TagsOnly)
        {
            line.Append(" :"u8);
            var action = kind == MessageKind.Action;
            if (action)
            {
                line.Append("\u0001ACTION "u8);
            }

            line.Append(text);
            var end = messageStart + IrcLimits.MaxMessageBytes - (action ? 1 : 0);
            if (line.Length > end)
            {
                // The sender's prefix made it too long: the text is cut (the engine already cut
                // what a client sent; this holds for any text).
                line.Truncate(line.CharBoundaryAtOrBefore(end));
            }

            if (action)
            {
                line.Append((byte)1);
            }
        }

        line.EndLine();
    }

    /// <summary><c>:nick!user@host</c> of the event's source, under the nick it had then.</summary>
    private static void WriteSource(ref Utf8LineWriter line, ChatEvent chatEvent)
    {
        var session = chatEvent.Source;
        line.Append((byte)':');
        line.Append(chatEvent.SourceNick);
        line.Append((byte)'!');
        line.Append(session.UserName);
        line.Append((byte)'@');
        line.Append(IrcLine.Host(session.Host));
    }

    /// <summary>
    /// A multiline message (ircv3.net/specs/extensions/multiline). With draft/multiline (and
    /// batch): <c>BATCH +id draft/multiline target</c> carrying the time, msgid and client tags,
    /// each line as a PRIVMSG tagged with the batch (and draft/multiline-concat where it continues
    /// a line), then <c>BATCH -id</c>. Without: the lines as PRIVMSGs, blank ones left out, the
    /// msgid on the first only, time and client tags on each.
    /// </summary>
    private ReadOnlyMemory<byte> EncodeMultiline(MultilineMessageEvent m)
    {
        var target = IrcWireFormatHelpers.StatusPrefix(m.OnlyTo) + m.TargetName;
        var lines = new List<byte[]>(m.Lines.Count + 2);
        var line = new Utf8LineWriter();
        if (Has(IrcFeatures.Multiline))
        {
            var id = m.MessageId; // unique, and made of letters and digits: a valid batch reference
            WriteTags(ref line, m, m.ClientTags);
            WriteSource(ref line, m);
            line.Append(" BATCH +"u8);
            line.Append(id);
            line.Append(" draft/multiline "u8);
            line.Append(target);
            line.EndLine();
            lines.Add(line.ToArray());
            foreach (var part in m.Lines)
            {
                line = new Utf8LineWriter();
                line.Append("@batch="u8);
                line.Append(id);
                if (part.Concat)
                {
                    line.Append(";draft/multiline-concat"u8);
                }

                line.Append((byte)' ');
                WriteMessage(ref line, m, string.Empty, target, MessageKind.Normal, part.Text);
                lines.Add(line.ToArray());
            }

            line = new Utf8LineWriter();
            line.Append("BATCH -"u8);
            line.Append(id);
            line.EndLine();
            lines.Add(line.ToArray());
        }
        else
        {
            foreach (var part in m.Lines.Where(l => l.Text.Length > 0))
            {
                line = new Utf8LineWriter();
                WriteTags(ref line, m, m.ClientTags, withMessageId: lines.Count == 0);
                WriteMessage(ref line, m, string.Empty, target, MessageKind.Normal, part.Text);
                lines.Add(line.ToArray());
            }
        }

        return lines.SelectMany(l => l).ToArray();
    }

    /// <summary>"@time=...;msgid=...;+tags;bot " as this form wants them, or nothing.</summary>
    private void WriteTags(ref Utf8LineWriter line, ChatEvent chatEvent, string clientTags, bool withMessageId = true)
    {
        var time = Has(IrcFeatures.ServerTime) && chatEvent.Time != default;
        var tags = Has(IrcFeatures.MessageTags);
        if (!time && !(tags && (withMessageId || clientTags.Length > 0)))
        {
            return;
        }

        line.Append((byte)'@');
        var first = true;
        if (time)
        {
            line.Append("time="u8);
            line.AppendTime(chatEvent.Time);
            first = false;
        }

        if (tags)
        {
            if (withMessageId)
            {
                line.Append(first ? "msgid="u8 : ";msgid="u8);
                line.Append(chatEvent.MessageId);
                first = false;
            }

            if (clientTags.Length > 0)
            {
                line.Append(first ? "" : ";");
                line.Append(clientTags);
                first = false;
            }

            if (chatEvent is MessageEvent or PrivateMessageEvent or MultilineMessageEvent && chatEvent.Source.IsBot)
            {
                line.Append(first ? "bot"u8 : ";bot"u8);
            }
        }

        line.Append((byte)' ');
    }

    /// <summary>
    /// JOIN (with account and real name for extended-join), then, for away-notify, the joiner's
    /// AWAY if it is away: the specification asks that joiners' away state be sent this way.
    /// </summary>
    private string Join(string source, JoinEvent join)
    {
        var line = Has(IrcFeatures.ExtendedJoin)
            ? IrcLine.Build(source, "JOIN", [join.Channel.Name, "*", join.Source.RealName], trailing: true)
            : IrcLine.Build(source, "JOIN", [join.Channel.Name]);
        return Has(IrcFeatures.AwayNotify) && join.Source.AwayMessage is { } away
            ? line + IrcLine.Build(source, "AWAY", [away], trailing: true)
            : line;
    }

    /// <summary>nick!user@host of <paramref name="session"/>, under the nick it had at the event.</summary>
    public static string PrefixOf(ClientSession session, string nick) =>
        IrcLine.Prefix(nick, session.UserName, IrcLine.Host(session.Host));

    private bool Has(IrcFeatures feature) => (Features & feature) != 0;

    /// <summary>"@time=...;msgid=... " as this form wants them, or nothing (events other than messages).</summary>
    private string Tags(ChatEvent chatEvent)
    {
        var line = new Utf8LineWriter();
        WriteTags(ref line, chatEvent, clientTags: string.Empty);
        return line.ToText();
    }
}

/// <summary>Small pieces of IRC syntax shared by the wire format and the commands.</summary>
public static class IrcWireFormatHelpers
{
    /// <summary>The STATUSMSG prefix of a message to a channel's operators ("@") or voiced members ("+").</summary>
    public static string StatusPrefix(MemberStatus onlyTo) => onlyTo switch
    {
        MemberStatus.Operator => "@",
        MemberStatus.Voiced => "+",
        _ => string.Empty,
    };
}
