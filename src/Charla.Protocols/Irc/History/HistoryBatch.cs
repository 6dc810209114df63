using System.Text;
using Charla.Core.History;
using Charla.Core.Routing;
using Charla.Protocols.Irc.Messages;
using Charla.Storage.History;

namespace Charla.Protocols.Irc.History;

/// <summary>
/// Stored records as IRC lines for one client, in a batch (<c>chathistory</c>, <c>soju.im/search</c>) if it has batch:
/// each message as it was first sent (source, text, msgid and time; client tags with
/// message-tags), and channel events only for a client with draft/event-playback.
/// </summary>
internal static class HistoryBatch
{
    /// <summary>One conversation's records, in a <c>chathistory</c> batch for <paramref name="target"/>.</summary>
    public static string Render(IrcSession session, string target, IReadOnlyList<HistoryRecord> records) =>
        Render(session, "chathistory", target, records, _ => target);

    /// <param name="batchTarget">The batch's parameter after its type, or null for none.</param>
    /// <param name="targetOf">The target each record's line names.</param>
    public static string Render(IrcSession session, string batchType, string? batchTarget, IReadOnlyList<HistoryRecord> records, Func<HistoryRecord, string> targetOf)
    {
        var (batch, events) = (session.Has(Capabilities.Batch), session.Has(Capabilities.EventPlayback));
        var id = batch ? MessageIds.Next() : null;
        var lines = new StringBuilder();
        if (id is not null)
        {
            lines.Append(IrcLine.Build(session.Server.Name, "BATCH", batchTarget is null ? ["+" + id, batchType] : ["+" + id, batchType, batchTarget]));
        }

        foreach (var record in records)
        {
            if (record.Kind == HistoryKind.Privmsg && MultilineDetail.Parse(record.Detail, record.Text) is { } parts)
            {
                AppendMultiline(lines, session, record, parts, targetOf(record), id);
            }
            else if (events || HistoryKinds.IsMessage(record.Kind))
            {
                lines.Append(Tags(session, record, id)).Append(Line(record, targetOf(record)));
            }
        }

        if (id is not null)
        {
            lines.Append(IrcLine.Build(session.Server.Name, "BATCH", ["-" + id]));
        }

        return lines.ToString();
    }

    /// <summary>
    /// A stored multiline message as it was first sent: to a client with draft/multiline, its own
    /// <c>draft/multiline</c> batch inside this one (time, msgid and tags on its start); to others,
    /// its lines one by one, the msgid on the first only, as live.
    /// </summary>
    private static void AppendMultiline(StringBuilder lines, IrcSession session, HistoryRecord record, IReadOnlyList<MessageLine> parts, string target, string? batch)
    {
        var source = IrcLine.Prefix(record.Nick, record.User, IrcLine.Host(record.Host));
        if (batch is not null && session.Has(Capabilities.Multiline))
        {
            var inner = MessageIds.Next();
            lines.Append(Tags(session, record, batch)).Append(IrcLine.Build(source, "BATCH", ["+" + inner, "draft/multiline", target]));
            foreach (var part in parts)
            {
                lines.Append("@batch=").Append(inner).Append(part.Concat ? ";draft/multiline-concat " : " ")
                    .Append(IrcLine.Build(source, "PRIVMSG", [target, part.Text], trailing: true));
            }

            lines.Append("@batch=").Append(batch).Append(' ').Append(IrcLine.Build(session.Server.Name, "BATCH", ["-" + inner]));
            return;
        }

        var first = true;
        foreach (var part in parts.Where(p => p.Text.Length > 0))
        {
            lines.Append(Tags(session, record, batch, withMessageId: first)).Append(IrcLine.Build(source, "PRIVMSG", [target, part.Text], trailing: true));
            first = false;
        }
    }

    /// <summary><c>@batch=..;time=..;msgid=..;+tags </c> as the client reads tags, or nothing.</summary>
    private static string Tags(IrcSession session, HistoryRecord record, string? batch, bool withMessageId = true)
    {
        var tags = new List<string>(4);
        if (batch is not null)
        {
            tags.Add("batch=" + batch);
        }

        if (session.Has(Capabilities.ServerTime))
        {
            tags.Add("time=" + Utf8LineWriter.FormatTime(record.Time));
        }

        if (session.Has(Capabilities.MessageTags))
        {
            if (withMessageId)
            {
                tags.Add("msgid=" + record.MessageId);
            }

            if (record.ClientTags.Length > 0)
            {
                tags.Add(record.ClientTags);
            }
        }

        return tags.Count == 0 ? string.Empty : "@" + string.Join(';', tags) + " ";
    }

    private static string Line(HistoryRecord record, string target)
    {
        var source = IrcLine.Prefix(record.Nick, record.User, IrcLine.Host(record.Host));
        return record.Kind switch
        {
            HistoryKind.Action => IrcLine.Build(source, "PRIVMSG", [target, $"\u0001ACTION {record.Text}\u0001"], trailing: true),
            HistoryKind.Notice => IrcLine.Build(source, "NOTICE", [target, record.Text], trailing: true),
            HistoryKind.Join => IrcLine.Build(source, "JOIN", [target]),
            HistoryKind.Part => record.Text.Length == 0 ? IrcLine.Build(source, "PART", [target]) : IrcLine.Build(source, "PART", [target, record.Text], trailing: true),
            HistoryKind.Quit => IrcLine.Build(source, "QUIT", [record.Text], trailing: true),
            HistoryKind.Kick => IrcLine.Build(source, "KICK", [target, record.Detail, record.Text], trailing: true),
            HistoryKind.Nick => IrcLine.Build(source, "NICK", [record.Detail]),
            HistoryKind.Topic => IrcLine.Build(source, "TOPIC", [target, record.Text], trailing: true),
            HistoryKind.Mode => IrcLine.Build(source, "MODE", [target, .. ChannelModeLetters.Format(StoredModeChanges.Parse(record.Detail))]),
            _ => IrcLine.Build(source, "PRIVMSG", [target, record.Text], trailing: true),
        };
    }
}
