using System.Globalization;
using Charla.Storage.History;
using Microsoft.Data.Sqlite;

namespace Charla.Storage.Sqlite;

/// <summary>
/// Takes records out of history, inside the caller's transaction on the writer's connection:
/// out of the word index first, those it holds (an external-content FTS5 table forgets a row
/// only when told its old text), then out of the table. One way for everything that removes
/// records: a redacted message, and retention's chunks.
/// </summary>
internal static class RecordDeletion
{
    private static string Statements(string select) => $"""
        CREATE TEMP TABLE IF NOT EXISTS chunk (seq INTEGER PRIMARY KEY);
        DELETE FROM chunk;
        INSERT INTO chunk (seq) {select};
        INSERT INTO messages_text (messages_text, rowid, text)
            SELECT 'delete', seq, text FROM messages WHERE seq IN (SELECT seq FROM chunk) AND seq <= $indexed AND kind < {(int)HistoryKind.Join};
        DELETE FROM messages WHERE seq IN (SELECT seq FROM chunk);
        SELECT changes();
        """;

    /// <summary>
    /// Removes the records <paramref name="select"/> picks (a SELECT of seq, with
    /// <paramref name="parameters"/>); <paramref name="indexedUpTo"/> is how far the word index
    /// goes. Returns how many were removed.
    /// </summary>
    /// <param name="transaction">The caller's ADO.NET transaction, if it opened one that way (the writer's own BEGIN is not one).</param>
    public static int Delete(
        SqliteConnection connection, SqliteTransaction? transaction, string select, long indexedUpTo, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Statements(select);
        command.Parameters.AddWithValue("$indexed", indexedUpTo);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Removes a redacted message (not an event); false if it is not there.</summary>
    public static bool DeleteMessage(SqliteConnection connection, HistoryRemoval removal, long indexedUpTo) =>
        Delete(
            connection,
            transaction: null,
            $"SELECT seq FROM messages WHERE msgid = $msgid AND kind < {(int)HistoryKind.Join} AND conversation = (SELECT id FROM conversations WHERE key = $key)",
            indexedUpTo, ("$msgid", removal.MessageId), ("$key", removal.Conversation)) > 0;
}
