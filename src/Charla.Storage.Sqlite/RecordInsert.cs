using Charla.Storage.History;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Charla.Storage.Sqlite;

/// <summary>
/// The writer's one hot statement, prepared once on its connection and run through SQLite's own
/// calls (bind by position, step, reset): ADO.NET's per-execution work (a reader, parameters
/// looked up by name, boxed values) cost several times the insert itself. The place (seq) is
/// the writer's to give: it is the only writer.
/// </summary>
internal sealed class RecordInsert : IDisposable
{
    private const string Sql = """
        INSERT INTO messages (seq, conversation, msgid, time, kind, target, nick, user, host, account, text, tags, detail)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13);
        """;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly sqlite3_stmt _begin;
    private readonly sqlite3_stmt _commit;
    private readonly sqlite3_stmt _rollback;

    public RecordInsert(SqliteConnection connection)
    {
        _db = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(_db, Sql, out _statement));
        Check(raw.sqlite3_prepare_v2(_db, "BEGIN IMMEDIATE;", out _begin));
        Check(raw.sqlite3_prepare_v2(_db, "COMMIT;", out _commit));
        Check(raw.sqlite3_prepare_v2(_db, "ROLLBACK;", out _rollback));
    }

    /// <summary>BEGIN, COMMIT and ROLLBACK as prepared statements: ADO.NET's transaction made commands, readers and finalizable objects for each.</summary>
    /// <remarks>
    /// IMMEDIATE: the write lock is taken at the start. A deferred transaction that read first
    /// (a conversation's id) and then wrote would fail with SQLITE_BUSY for good if another
    /// connection had written in between, and ADO.NET's retries of it would stall the writer.
    /// </remarks>
    public void Begin() => Step(_begin);

    public void Commit() => Step(_commit);

    /// <summary>Rolls back if a transaction is open (a failed COMMIT may have ended it already).</summary>
    public void Rollback()
    {
        if (raw.sqlite3_get_autocommit(_db) == 0)
        {
            Step(_rollback);
        }
    }

    private void Step(sqlite3_stmt statement)
    {
        var result = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (result != raw.SQLITE_DONE)
        {
            Check(result);
        }
    }

    /// <summary>Stores <paramref name="record"/> at <paramref name="sequence"/> in <paramref name="conversation"/> (inside the caller's transaction).</summary>
    public void Run(HistoryRecord record, long sequence, long conversation)
    {
        var s = _statement;
        raw.sqlite3_bind_int64(s, 1, sequence);
        raw.sqlite3_bind_int64(s, 2, conversation);
        raw.sqlite3_bind_text(s, 3, record.MessageId);
        raw.sqlite3_bind_int64(s, 4, record.Time.ToUnixTimeMilliseconds());
        raw.sqlite3_bind_int(s, 5, (int)record.Kind);
        raw.sqlite3_bind_text(s, 6, record.Target);
        raw.sqlite3_bind_text(s, 7, record.Nick);
        raw.sqlite3_bind_text(s, 8, record.User);
        raw.sqlite3_bind_text(s, 9, record.Host);
        if (record.Account is { } account)
        {
            raw.sqlite3_bind_text(s, 10, account);
        }
        else
        {
            raw.sqlite3_bind_null(s, 10);
        }

        raw.sqlite3_bind_text(s, 11, record.Text);
        raw.sqlite3_bind_text(s, 12, record.ClientTags);
        raw.sqlite3_bind_text(s, 13, record.Detail);
        var result = raw.sqlite3_step(s);
        raw.sqlite3_reset(s);
        if (result != raw.SQLITE_DONE)
        {
            Check(result);
        }
    }

    public void Dispose()
    {
        _statement.Dispose();
        _begin.Dispose();
        _commit.Dispose();
        _rollback.Dispose();
    }

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, _db);
        }
    }
}
