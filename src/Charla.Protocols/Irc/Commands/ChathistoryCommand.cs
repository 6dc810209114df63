using System.Globalization;
using System.Text;
using Charla.Core.Routing;
using Charla.Protocols.Irc.History;
using Charla.Protocols.Irc.Messages;
using Charla.Storage.History;

namespace Charla.Protocols.Irc.Commands;

/// <summary>
/// CHATHISTORY (ircv3.net/specs/extensions/chathistory):
/// <code>
/// CHATHISTORY LATEST  &lt;target&gt; (* | &lt;ref&gt;) &lt;limit&gt;
/// CHATHISTORY BEFORE  &lt;target&gt; &lt;ref&gt; &lt;limit&gt;
/// CHATHISTORY AFTER   &lt;target&gt; &lt;ref&gt; &lt;limit&gt;
/// CHATHISTORY AROUND  &lt;target&gt; &lt;ref&gt; &lt;limit&gt;
/// CHATHISTORY BETWEEN &lt;target&gt; &lt;ref&gt; &lt;ref&gt; &lt;limit&gt;
/// CHATHISTORY TARGETS &lt;timestamp&gt; &lt;timestamp&gt; &lt;limit&gt;
/// ref = msgid=&lt;id&gt; / timestamp=YYYY-MM-DDThh:mm:ss.sssZ
/// </code>
/// A channel's history is read by its members only (anyone else, and a channel that does not
/// exist, get INVALID_TARGET, so nothing tells an outsider a secret channel is there).
/// Private messages are not kept yet: a nick's history is an empty batch. Bounds are
/// exclusive; a limit over <see cref="MaxLines"/> is cut to it. The read runs off the
/// connection's thread, and what the client is sent after waits behind its answer.
/// </summary>
public sealed class ChathistoryCommand : IIrcCommand
{
    /// <summary>The most lines one request returns (ISUPPORT CHATHISTORY).</summary>
    public const int MaxLines = 100;

    public void Execute(IrcContext context, IrcMessage message)
    {
        var (engine, session) = (context.Engine, context.Session);
        if (engine.History is not { } history)
        {
            session.Numeric(Numerics.ErrUnknownCommand, "CHATHISTORY", "Unknown command");
            return;
        }

        var subcommand = message.Count > 0 ? message[0].ToUpperInvariant() : "*";
        var needed = subcommand switch
        {
            "LATEST" or "BEFORE" or "AFTER" or "AROUND" or "TARGETS" => 4,
            "BETWEEN" => 5,
            _ => 0,
        };
        if (needed == 0)
        {
            Fail(session, "UNKNOWN_COMMAND", subcommand, "Unknown command");
            return;
        }

        if (message.Count < needed)
        {
            Fail(session, "NEED_MORE_PARAMS", subcommand, "Missing parameters");
            return;
        }

        if (!int.TryParse(message[needed - 1], NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1)
        {
            Fail(session, "INVALID_PARAMS", subcommand, "The limit must be a positive number");
            return;
        }

        limit = Math.Min(limit, MaxLines);
        if (subcommand == "TARGETS")
        {
            Targets(session, history, message, limit);
            return;
        }

        var target = message[1];
        HistoryAnchor? from = null;
        HistoryAnchor? to = null;
        if (!(subcommand == "LATEST" && message[2] == "*") && (from = ParseReference(message[2])) is null
            || subcommand == "BETWEEN" && (to = ParseReference(message[3])) is null)
        {
            Fail(session, "INVALID_PARAMS", subcommand, "A reference must be msgid=<id> or timestamp=<YYYY-MM-DDThh:mm:ss.sssZ>");
            return;
        }

        string conversation;
        if (target.StartsWith('#'))
        {
            if (engine.FindChannel(target) is not { } channel || !channel.IsMember(session))
            {
                session.Reply(session.Server.Name, "FAIL", "CHATHISTORY", ["INVALID_TARGET", subcommand, target, "Messages could not be retrieved"], trailing: true);
                return;
            }

            (conversation, target) = (channel.HistoryKey, channel.Name);
        }
        else
        {
            session.ReplyLater(Task.FromResult(HistoryBatch.Render(session, target, []))); // private messages are not kept yet
            return;
        }

        var direction = subcommand switch
        {
            "BEFORE" => HistoryDirection.Before,
            "AFTER" => HistoryDirection.After,
            "AROUND" => HistoryDirection.Around,
            "BETWEEN" => HistoryDirection.Between,
            _ => HistoryDirection.Latest,
        };
        var query = new HistoryQuery(conversation, direction, from, limit, session.Has(Capabilities.EventPlayback), to);
        session.ReplyLater(ReadAsync(session, history, query, subcommand, target));
    }

    private static async Task<string> ReadAsync(IrcSession session, IHistoryReader history, HistoryQuery query, string subcommand, string target)
    {
        try
        {
            return HistoryBatch.Render(session, target, await history.ReadAsync(query));
        }
        catch (Storage.StorageException)
        {
            return IrcLine.Build(session.Server.Name, "FAIL", ["CHATHISTORY", "MESSAGE_ERROR", subcommand, target, "Messages could not be retrieved"], trailing: true);
        }
    }

    /// <summary>TARGETS: the channels the client is in that had messages between the two times, with the latest one's time, oldest first.</summary>
    private static void Targets(IrcSession session, IHistoryReader history, IrcMessage message, int limit)
    {
        if (ParseReference(message[1]) is not { Time: { } from } || ParseReference(message[2]) is not { Time: { } to })
        {
            Fail(session, "INVALID_PARAMS", "TARGETS", "TARGETS takes two timestamp=<YYYY-MM-DDThh:mm:ss.sssZ>");
            return;
        }

        var names = session.Channels.ToDictionary(c => c.HistoryKey, c => c.Name, StringComparer.Ordinal);
        session.ReplyLater(TargetsAsync(session, history, names, from, to, limit));
    }

    private static async Task<string> TargetsAsync(IrcSession session, IHistoryReader history, Dictionary<string, string> names, DateTimeOffset from, DateTimeOffset to, int limit)
    {
        IReadOnlyList<ConversationActivity> active;
        try
        {
            active = await history.ActivityAsync([.. names.Keys], from, to);
        }
        catch (Storage.StorageException)
        {
            return IrcLine.Build(session.Server.Name, "FAIL", ["CHATHISTORY", "MESSAGE_ERROR", "TARGETS", "*", "Messages could not be retrieved"], trailing: true);
        }

        var batch = session.Has(Capabilities.Batch) ? MessageIds.Next() : null;
        var lines = new StringBuilder();
        if (batch is not null)
        {
            lines.Append(IrcLine.Build(session.Server.Name, "BATCH", ["+" + batch, "draft/chathistory-targets"]));
        }

        foreach (var activity in active.OrderBy(a => a.Latest).Take(limit))
        {
            var time = Utf8LineWriter.FormatTime(activity.Latest);
            lines.Append(batch is null ? string.Empty : $"@batch={batch} ")
                .Append(IrcLine.Build(session.Server.Name, "CHATHISTORY", ["TARGETS", names[activity.Conversation], time]));
        }

        if (batch is not null)
        {
            lines.Append(IrcLine.Build(session.Server.Name, "BATCH", ["-" + batch]));
        }

        return lines.ToString();
    }

    /// <summary><c>msgid=ID</c> or <c>timestamp=YYYY-MM-DDThh:mm:ss.sssZ</c>; null if neither.</summary>
    internal static HistoryAnchor? ParseReference(string reference)
    {
        if (reference.StartsWith("msgid=", StringComparison.Ordinal) && reference.Length > "msgid=".Length)
        {
            return HistoryAnchor.ById(reference["msgid=".Length..]);
        }

        const string Timestamp = "timestamp=";
        return reference.StartsWith(Timestamp, StringComparison.Ordinal) && ParseTime(reference[Timestamp.Length..]) is { } time ? HistoryAnchor.At(time) : null;
    }

    /// <summary>A time as IRCv3 writes it, <c>YYYY-MM-DDThh:mm:ss.sssZ</c> (the fraction optional); null if it is not one.</summary>
    internal static DateTimeOffset? ParseTime(string text) =>
        DateTimeOffset.TryParseExact(
            text, ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'"], CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;

    private static void Fail(IrcSession session, string code, string subcommand, string description) =>
        session.Reply(session.Server.Name, "FAIL", "CHATHISTORY", [code, subcommand, description], trailing: true);
}
