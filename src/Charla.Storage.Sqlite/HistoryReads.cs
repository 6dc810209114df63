using Charla.Storage.History;
using Microsoft.Data.Sqlite;

namespace Charla.Storage.Sqlite;

/// <summary>
/// Reads history on connections of its own (from Microsoft.Data.Sqlite's pool), off the
/// caller's thread: in WAL mode a read sees the last commit and neither waits for the writer
/// nor holds it up. Every value is a parameter; only fixed SQL fragments are put together.
/// </summary>
internal sealed class HistoryReads(string connectionString)
{
    private const string Columns = "m.seq, m.msgid, m.time, m.kind, m.target, m.nick, m.user, m.host, m.account, m.text, m.tags, m.detail";

    /// <summary>The connection string of the readers' pool.</summary>
    public string ConnectionString => connectionString;

    /// <summary>The records <paramref name="query"/> asks for among those up to <paramref name="upTo"/> (a place in the one order), oldest first.</summary>
    public async Task<IReadOnlyList<HistoryRecord>> ReadAsync(HistoryQuery query, long upTo, CancellationToken cancellationToken = default) =>
        await Task.Run(() => Read(query, upTo), cancellationToken);

    public async Task<IReadOnlyList<HistoryRecord>> SearchAsync(HistorySearch search, long upTo, CancellationToken cancellationToken) =>
        await Task.Run(() => Search(search, upTo), cancellationToken);

    public async Task<IReadOnlyList<ConversationActivity>> ActivityAsync(
        IReadOnlyList<string> conversations, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        await Task.Run(() => Activity(conversations, from, to), cancellationToken);

    private List<HistoryRecord> Read(HistoryQuery query, long upTo)
    {
        if (query.Limit <= 0)
        {
            return [];
        }

        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var kinds = query.IncludeEvents ? string.Empty : $" AND kind < {(int)HistoryKind.Join}";
        var scope = $"conversation = (SELECT id FROM conversations WHERE key = $key) AND seq <= $upto{kinds}";
        var from = query.From is { } f ? Resolve(connection, query.Conversation, f) : null;
        var to = query.To is { } t ? Resolve(connection, query.Conversation, t) : null;
        if ((query.From is not null && from is null) || (query.To is not null && to is null))
        {
            return []; // a msgid this history does not hold
        }

        switch (query.Direction)
        {
            case HistoryDirection.Latest:
                return Select(connection, query, upTo, scope, newestFirst: true, query.Limit, after: from, before: null);
            case HistoryDirection.Before:
                return Select(connection, query, upTo, scope, newestFirst: true, query.Limit, after: null, before: from);
            case HistoryDirection.After:
                return Select(connection, query, upTo, scope, newestFirst: false, query.Limit, after: from, before: null);
            case HistoryDirection.Between:
                return from is null || to is null || from.Value.CompareTo(to.Value) <= 0
                    ? Select(connection, query, upTo, scope, newestFirst: false, query.Limit, after: from, before: to)
                    : Select(connection, query, upTo, scope, newestFirst: true, query.Limit, after: to, before: from);
            case HistoryDirection.Around:
                // The anchor and those before it take half (rounded up), those after the rest.
                var earlier = Select(connection, query, upTo, scope, newestFirst: true, (query.Limit + 1) / 2, after: null, before: from, inclusive: true);
                var later = Select(connection, query, upTo, scope, newestFirst: false, query.Limit - earlier.Count, after: from, before: null);
                return [.. earlier, .. later];
            default:
                throw new ArgumentOutOfRangeException(nameof(query), query.Direction, "unknown direction");
        }
    }

    /// <summary>
    /// Where an anchor is: a message's time and place, or a moment. A conversation's records are
    /// in (time, seq) order, which is the order they were stored in (the engine keeps a channel's
    /// times from going back), and the one index over a conversation, (conversation, time), holds
    /// them in that order (SQLite puts the rowid, seq, last in each entry).
    /// </summary>
    private readonly record struct Position(long? Sequence, long Time) : IComparable<Position>
    {
        public int CompareTo(Position other) =>
            Sequence is { } mine && other.Sequence is { } theirs && Time == other.Time ? mine.CompareTo(theirs) : Time.CompareTo(other.Time);

        /// <summary>The SQL that compares a row with this position, with the parameters holding it.</summary>
        public string Condition(string comparison, string parameter) =>
            Sequence is null ? $" AND time {comparison} {parameter}t" : $" AND (time, seq) {comparison} ({parameter}t, {parameter}s)";

        public void Bind(SqliteCommand command, string parameter)
        {
            command.Parameters.AddWithValue(parameter + "t", Time);
            if (Sequence is { } sequence)
            {
                command.Parameters.AddWithValue(parameter + "s", sequence);
            }
        }
    }

    private static Position? Resolve(SqliteConnection connection, string conversation, HistoryAnchor anchor)
    {
        if (anchor.MessageId is not { } messageId)
        {
            return new Position(null, anchor.Time!.Value.ToUnixTimeMilliseconds());
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, time FROM messages WHERE msgid = $msgid AND conversation = (SELECT id FROM conversations WHERE key = $key);";
        command.Parameters.AddWithValue("$msgid", messageId);
        command.Parameters.AddWithValue("$key", conversation);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new Position(reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    /// <summary>
    /// Up to <paramref name="limit"/> records of <paramref name="scope"/> after <paramref name="after"/>
    /// and before <paramref name="before"/> (or up to it, <paramref name="inclusive"/>), the oldest
    /// or the newest of them, returned oldest first.
    /// </summary>
    private static List<HistoryRecord> Select(
        SqliteConnection connection, HistoryQuery query, long upTo, string scope, bool newestFirst, int limit, Position? after, Position? before, bool inclusive = false)
    {
        if (limit <= 0)
        {
            return [];
        }

        using var command = connection.CreateCommand();
        var where = scope + (after?.Condition(">", "$after") ?? string.Empty) + (before?.Condition(inclusive ? "<=" : "<", "$before") ?? string.Empty);
        var order = newestFirst ? "DESC" : "ASC";
        command.CommandText = $"SELECT {Columns} FROM messages m WHERE {where} ORDER BY time {order}, seq {order} LIMIT $limit;";
        command.Parameters.AddWithValue("$key", query.Conversation);
        command.Parameters.AddWithValue("$upto", upTo);
        command.Parameters.AddWithValue("$limit", limit);
        after?.Bind(command, "$after");
        before?.Bind(command, "$before");

        var records = new List<HistoryRecord>(Math.Min(limit, 1000));
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                records.Add(ReadRecord(reader, query.Conversation));
            }
        }

        if (newestFirst)
        {
            records.Reverse();
        }

        return records;
    }

    private static HistoryRecord ReadRecord(SqliteDataReader reader, string conversation)
    {
        var record = new HistoryRecord
        {
            Sequence = reader.GetInt64(0),
            Conversation = conversation,
            MessageId = reader.GetString(1),
            Time = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
            Kind = (HistoryKind)reader.GetInt32(3),
            Target = reader.GetString(4),
            Nick = reader.GetString(5),
            User = reader.GetString(6),
            Host = reader.GetString(7),
            Account = reader.IsDBNull(8) ? null : reader.GetString(8),
            Text = reader.GetString(9),
            ClientTags = reader.GetString(10),
            Detail = reader.GetString(11),
        };
        record.Complete(stored: true);
        return record;
    }

    private List<HistoryRecord> Search(HistorySearch search, long upTo)
    {
        if (search.Limit <= 0 || search.Conversations.Count == 0)
        {
            return [];
        }

        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        var keys = string.Join(", ", search.Conversations.Select((key, i) =>
        {
            command.Parameters.AddWithValue("$k" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), key);
            return "$k" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }));
        var where = $"c.key IN ({keys}) AND m.kind < {(int)HistoryKind.Join} AND m.seq <= $upto";
        command.Parameters.AddWithValue("$upto", upTo);
        command.Parameters.AddWithValue("$limit", search.Limit);
        if (search.From is { } from)
        {
            where += " AND m.nick = $from COLLATE NOCASE";
            command.Parameters.AddWithValue("$from", from);
        }

        if (search.After is { } after)
        {
            where += " AND m.time > $after";
            command.Parameters.AddWithValue("$after", after.ToUnixTimeMilliseconds());
        }

        if (search.Before is { } before)
        {
            where += " AND m.time < $before";
            command.Parameters.AddWithValue("$before", before.ToUnixTimeMilliseconds());
        }

        // With words: walk the word index newest first (FTS5 reads its rowids backwards) until
        // enough messages of these conversations are found; without: the messages themselves.
        // CROSS JOIN keeps that order: left to choose, SQLite 3.53 walked every message of the
        // conversation and looked each up in the word index (0.7 s at 100,000 messages).
        if (MatchExpression(search.Text) is { } match)
        {
            command.Parameters.AddWithValue("$match", match);
            command.CommandText = $"""
                SELECT {Columns}, c.key FROM messages_text f CROSS JOIN messages m ON m.seq = f.rowid CROSS JOIN conversations c ON c.id = m.conversation
                WHERE messages_text MATCH $match AND {where} ORDER BY f.rowid DESC LIMIT $limit;
                """;
        }
        else
        {
            command.CommandText = $"SELECT {Columns}, c.key FROM messages m JOIN conversations c ON c.id = m.conversation WHERE {where} ORDER BY m.seq DESC LIMIT $limit;";
        }

        var records = new List<HistoryRecord>(Math.Min(search.Limit, 1000));
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                records.Add(ReadRecord(reader, reader.GetString(12)));
            }
        }

        records.Reverse();
        return records;
    }

    /// <summary>
    /// Every word of <paramref name="text"/> as an FTS5 string (quoted, inner quotes doubled), so all
    /// must be in a message and none is read as FTS5 syntax; null for no words.
    /// </summary>
    internal static string? MatchExpression(string? text)
    {
        var words = text?.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries) ?? [];
        return words.Length == 0 ? null : string.Join(' ', words.Select(word => "\"" + word.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
    }

    private List<ConversationActivity> Activity(IReadOnlyList<string> conversations, DateTimeOffset from, DateTimeOffset to)
    {
        var (low, high) = from <= to ? (from, to) : (to, from);
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT max(time) FROM messages
            WHERE conversation = (SELECT id FROM conversations WHERE key = $key) AND time > $low AND time < $high AND kind < {(int)HistoryKind.Join};
            """;
        var key = command.Parameters.Add("$key", SqliteType.Text);
        command.Parameters.AddWithValue("$low", low.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$high", high.ToUnixTimeMilliseconds());
        var found = new List<ConversationActivity>();
        foreach (var conversation in conversations)
        {
            key.Value = conversation;
            if (command.ExecuteScalar() is long latest)
            {
                found.Add(new ConversationActivity(conversation, DateTimeOffset.FromUnixTimeMilliseconds(latest)));
            }
        }

        return found;
    }
}
