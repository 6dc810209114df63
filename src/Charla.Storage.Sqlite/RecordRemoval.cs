using Charla.Storage.History;
using Microsoft.Data.Sqlite;

namespace Charla.Storage.Sqlite;

/// <summary>
/// Takes a message out of history on the writer's connection, inside its transaction: out of
/// the word index first if it was indexed (an external-content FTS5 table forgets a row only
/// when told its old text), then the row. Rare, so plain ADO.NET commands prepared once.
/// </summary>
internal sealed class RecordRemoval(SqliteConnection connection) : IDisposable
{
    private SqliteCommand? _find;
    private SqliteCommand? _unindex;
    private SqliteCommand? _delete;

    /// <summary>Removes the message; false if it is not there (or is an event, which is not removed).</summary>
    public bool Run(HistoryRemoval removal, long indexedUpTo)
    {
        var find = _find ??= PreparedCommands.Prepare(
            connection,
            $"SELECT m.seq, m.text FROM messages m WHERE m.msgid = $msgid AND m.kind < {(int)HistoryKind.Join} AND m.conversation = (SELECT id FROM conversations WHERE key = $key);",
            "$msgid", "$key");
        find.Parameters[0].Value = removal.MessageId;
        find.Parameters[1].Value = removal.Conversation;
        long seq;
        string text;
        using (var reader = find.ExecuteReader())
        {
            if (!reader.Read())
            {
                return false;
            }

            (seq, text) = (reader.GetInt64(0), reader.GetString(1));
        }

        if (seq <= indexedUpTo)
        {
            var unindex = _unindex ??= PreparedCommands.Prepare(connection, "INSERT INTO messages_text (messages_text, rowid, text) VALUES ('delete', $seq, $text);", "$seq", "$text");
            unindex.Parameters[0].Value = seq;
            unindex.Parameters[1].Value = text;
            unindex.ExecuteNonQuery();
        }

        var delete = _delete ??= PreparedCommands.Prepare(connection, "DELETE FROM messages WHERE seq = $seq;", "$seq");
        delete.Parameters[0].Value = seq;
        delete.ExecuteNonQuery();
        return true;
    }

    public void Dispose()
    {
        _find?.Dispose();
        _unindex?.Dispose();
        _delete?.Dispose();
    }
}
