using Charla.Storage.History;
using Microsoft.Data.Sqlite;

namespace Charla.Storage.Sqlite;

/// <summary>
/// Keeps the word index (<c>messages_text</c>, FTS5) up with the messages, on the writer's
/// connection and thread, in chunks of thousands: indexed one commit at a time it cost three
/// times the insert of the message itself, in chunks a fraction of that (bench/RESULTS.md). It
/// catches up when the writer has been quiet for a second or a chunk waits, and before a search, so a search sees
/// every message stored before it. <c>search_progress</c> holds how far it has come, so a
/// restart (or a database from before search existed) carries on where it was.
/// </summary>
internal sealed class SearchIndexer(SqliteConnection connection)
{
    /// <summary>Messages indexed in one transaction.</summary>
    public const int Chunk = 5_000;

    /// <summary>The last message indexed (its place in the one order).</summary>
    public long IndexedUpTo { get; private set; }

    public void Load()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT indexed_seq FROM search_progress;";
        IndexedUpTo = (long)command.ExecuteScalar()!;
    }

    /// <summary>Indexes the next chunk of messages up to <paramref name="upTo"/>, in one transaction.</summary>
    public void IndexNext(long upTo)
    {
        var to = Math.Min(upTo, IndexedUpTo + Chunk);
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            INSERT INTO messages_text (rowid, text) SELECT seq, text FROM messages WHERE seq > $from AND seq <= $to AND kind < {(int)HistoryKind.Join};
            UPDATE search_progress SET indexed_seq = $to;
            """;
        command.Parameters.AddWithValue("$from", IndexedUpTo);
        command.Parameters.AddWithValue("$to", to);
        command.ExecuteNonQuery();
        transaction.Commit();
        IndexedUpTo = to;
    }
}
