using Microsoft.Data.Sqlite;

namespace Charla.Storage.Sqlite;

/// <summary>
/// The schema, as the steps that build it: step N takes a database at version N-1 (SQLite's
/// <c>user_version</c>; 0 is empty) to N, in one transaction. A newer build opens an older
/// database by running the steps it lacks; a database newer than the build is refused.
/// Never change a step once released: add one.
/// </summary>
internal static class Migrations
{
    private static readonly string[] Steps =
    [
        // 1: history. A conversation is one channel's life (ConversationKeys); seq is the one
        // order in which records were stored, which is the order members saw. Times are Unix
        // milliseconds. A msgid is unique to a message, but an event told to several channels
        // (a QUIT, a NICK) is one record in each, with the same msgid.
        """
        CREATE TABLE conversations (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            created INTEGER NOT NULL
        );
        CREATE TABLE messages (
            seq INTEGER PRIMARY KEY,
            conversation INTEGER NOT NULL REFERENCES conversations (id),
            msgid TEXT NOT NULL,
            time INTEGER NOT NULL,
            kind INTEGER NOT NULL,
            target TEXT NOT NULL,
            nick TEXT NOT NULL,
            user TEXT NOT NULL,
            host TEXT NOT NULL,
            account TEXT,
            text TEXT NOT NULL,
            tags TEXT NOT NULL,
            detail TEXT NOT NULL
        );
        CREATE INDEX messages_by_conversation ON messages (conversation, seq);
        CREATE INDEX messages_by_time ON messages (conversation, time);
        CREATE INDEX messages_by_msgid ON messages (msgid);
        """,

        // 2: search. An index of the messages' words (FTS5, external content: the text is not
        // stored twice), filled by SearchIndexer in the background up to search_progress, so
        // this step is instant however much history a file already holds.
        """
        CREATE VIRTUAL TABLE messages_text USING fts5 (text, content = 'messages', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2');
        CREATE TABLE search_progress (indexed_seq INTEGER NOT NULL);
        INSERT INTO search_progress (indexed_seq) VALUES (0);
        """,

        // 3: one index over a conversation instead of two. Reads go in (time, seq) order, which
        // (conversation, time) holds (the rowid ends each entry); each index costs a page per
        // active channel in every commit (bench/RESULTS.md).
        """
        DROP INDEX messages_by_conversation;
        """,

        // 4: server bans (KLINE, DLINE), kept across restarts. kind is BanKind; times are Unix
        // milliseconds; expires is null for a ban that holds until removed.
        """
        CREATE TABLE server_bans (
            kind INTEGER NOT NULL,
            mask TEXT NOT NULL,
            reason TEXT NOT NULL,
            set_by TEXT NOT NULL,
            set_at INTEGER NOT NULL,
            expires INTEGER,
            PRIMARY KEY (kind, mask)
        );
        """,
    ];

    /// <summary>The version this build writes.</summary>
    public static int Latest => Steps.Length;

    /// <summary>Brings the database to <see cref="Latest"/> (or <paramref name="upTo"/>: tests make older files); returns the version it had.</summary>
    public static int Apply(SqliteConnection connection, string path, int? upTo = null)
    {
        var version = UserVersion(connection);
        if (version > Latest)
        {
            throw new StorageException($"{path} was written by a newer Charla (schema version {version}; this one knows up to {Latest}).");
        }

        for (var step = version; step < (upTo ?? Latest); step++)
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Steps[step] + $"\nPRAGMA user_version = {step + 1};";
            command.ExecuteNonQuery();
            transaction.Commit();
        }

        return version;
    }

    private static int UserVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
