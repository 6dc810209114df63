using Charla.Storage.Bans;
using Charla.Storage.History;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Charla.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite database (<c>charla.db</c>, WAL mode) in the data directory,
/// written by one thread with group commit (<see cref="HistoryWriter"/>) and read on pooled
/// connections (<see cref="HistoryReads"/>). Opening it checks everything a running server
/// would trip on later (the directory, its lock, the file, the schema, a first write), so that
/// a problem is one clear error at start.
/// </summary>
public sealed class SqliteStore : IHistoryStore, IDisposable
{
    /// <summary>The database file's name in the data directory.</summary>
    public const string FileName = "charla.db";

    /// <summary>How long the writer waits for a lock held by another connection before a commit fails.</summary>
    private static readonly TimeSpan WriterLockWait = TimeSpan.FromSeconds(2);

    private readonly DataDirectory _directory;
    private readonly SqliteConnection _writerConnection;
    private readonly HistoryWriter _writer;
    private readonly WalCheckpointer _checkpointer;
    private readonly HistoryReads _reads;
    private readonly SqliteBanStore _bans;

    private SqliteStore(DataDirectory directory, SqliteConnection writerConnection, HistoryWriter writer, WalCheckpointer checkpointer, HistoryReads reads, SqliteBanStore bans, int openedVersion)
    {
        _bans = bans;
        _checkpointer = checkpointer;
        _directory = directory;
        _writerConnection = writerConnection;
        _writer = writer;
        _reads = reads;
        OpenedVersion = openedVersion;
    }

    /// <summary>The database file's full path.</summary>
    public string DatabasePath => Path.Combine(_directory.Path, FileName);

    /// <summary>The data directory's full path.</summary>
    public string DirectoryPath => _directory.Path;

    /// <summary>Server bans, kept in the same database.</summary>
    public IBanStore Bans => _bans;

    /// <summary>The schema version the file had when opened (0: it was new).</summary>
    public int OpenedVersion { get; }

    /// <summary>Records appended and not yet taken by the writer.</summary>
    public int PendingCount => _writer.PendingCount;

    /// <summary>False while commits fail (a full disk, a lock held elsewhere): the server is up but does not acknowledge messages.</summary>
    public bool IsWriting => _writer.IsWriting;

    /// <summary>Told after each commit of records: how many, and how long it took (metrics).</summary>
    public Action<int, TimeSpan>? CommitObserved
    {
        get => _writer.CommitObserved;
        set => _writer.CommitObserved = value;
    }

    /// <summary>Records stored since the store was opened.</summary>
    public long Stored => _writer.Stored;

    /// <exception cref="StorageException">The store cannot be used; the message says why.</exception>
    /// <param name="retention">What history to keep (all of it, if not given); <paramref name="time"/> says how old a record is.</param>
    public static SqliteStore Open(SqliteStoreOptions options, ILogger logger, TimeProvider? time = null, HistoryRetention? retention = null)
    {
        var directory = DataDirectory.Claim(options.DataDirectory);
        var path = Path.Combine(directory.Path, FileName);
        SqliteConnection? connection = null;
        WalCheckpointer? checkpointer = null;
        SqliteBanStore? bans = null;
        try
        {
            var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
            connection = new SqliteConnection(builder.ToString());
            connection.Open();
            // Another program holding the lock for a moment (a backup, the sqlite3 shell) makes
            // the writer wait up to WriterLockWait, then give up: those messages are not acknowledged.
            connection.DefaultTimeout = (int)WriterLockWait.TotalSeconds;
            Execute(connection, $"PRAGMA busy_timeout = {(int)WriterLockWait.TotalMilliseconds}; PRAGMA journal_mode = WAL; PRAGMA synchronous = {(options.Sync == StorageSync.Full ? "FULL" : "NORMAL")}; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = 67108864;");
            var version = Migrations.Apply(connection, path);

            // A first write now: a full disk or a read-only file is found at start, not by the first message.
            Execute(connection, "BEGIN IMMEDIATE; CREATE TABLE IF NOT EXISTS starts (time INTEGER NOT NULL); INSERT INTO starts (time) VALUES (unixepoch()); COMMIT;");

            bans = new SqliteBanStore(path);
            var reads = new HistoryReads(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = true }.ToString());
            checkpointer = new WalCheckpointer(path, logger);
            var pruner = new HistoryPruner(connection, retention ?? HistoryRetention.KeepAll, time ?? TimeProvider.System, logger);
            return new SqliteStore(directory, connection, new HistoryWriter(connection, options.MaxPendingRecords, pruner, checkpointer, logger), checkpointer, reads, bans, version);
        }
        catch (Exception ex) when (ex is SqliteException or StorageException or IOException or UnauthorizedAccessException)
        {
            checkpointer?.Dispose();
            bans?.Dispose();
            connection?.Dispose();
            directory.Dispose();
            throw ex as StorageException ?? new StorageException($"cannot open {path}: {Describe(ex)}", ex);
        }
    }

    public void Append(HistoryRecord record) => _writer.Append(record);

    public void Remove(HistoryRemoval removal) => _writer.Remove(removal);

    /// <summary>Applies the retention now, in the writer's order (it also runs every minute by itself); true once done.</summary>
    public Task<bool> PruneNowAsync() => _writer.PruneNowAsync();

    /// <summary>Records removed by the retention since the store was opened.</summary>
    public long Pruned => _writer.Pruned;

    public void SetCompletionScope(Func<IDisposable> open) => _writer.SetCompletionScope(open);

    /// <remarks>
    /// Sees everything appended before the call (once it is committed, which the read waits
    /// for) and nothing appended after: a sender reads its own lines, and a newcomer's replay,
    /// asked for as it joins, holds exactly what was said before it came.
    /// </remarks>
    public Task<IReadOnlyList<HistoryRecord>> ReadAsync(HistoryQuery query, CancellationToken cancellationToken = default) =>
        AsOfNowAsync(forSearch: false, upTo => _reads.ReadAsync(query, upTo, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<HistoryRecord>> SearchAsync(HistorySearch search, CancellationToken cancellationToken = default) =>
        AsOfNowAsync(forSearch: true, upTo => _reads.SearchAsync(search, upTo, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<ConversationActivity>> ActivityAsync(
        IReadOnlyList<string> conversations, DateTimeOffset start, DateTimeOffset finish, CancellationToken cancellationToken = default) =>
        AsOfNowAsync(forSearch: false, _ => _reads.ActivityAsync(conversations, start, finish, cancellationToken), cancellationToken);

    /// <summary>
    /// Runs <paramref name="read"/> once everything appended before this call is committed (and,
    /// <paramref name="forSearch"/>, indexed), up to the last of it; a failure of the database
    /// comes out as a <see cref="StorageException"/>, the one the interfaces promise.
    /// </summary>
    private async Task<T> AsOfNowAsync<T>(bool forSearch, Func<long, Task<T>> read, CancellationToken cancellationToken)
    {
        var barrier = _writer.Barrier(forSearch);
        await barrier.WhenCompletedAsync().WaitAsync(cancellationToken);
        try
        {
            return await read(barrier.Sequence);
        }
        catch (Exception ex) when (ex is SqliteException or ObjectDisposedException)
        {
            throw new StorageException($"history could not be read: {Describe(ex)}", ex);
        }
    }

    /// <summary>Stores what was appended, then closes the database and lets go of the directory.</summary>
    public void Dispose()
    {
        _bans.Dispose();
        _writer.Dispose();
        _checkpointer.Dispose();
        _writerConnection.Dispose(); // the last connection to close copies what is left of the log and removes it
        using (var readers = new SqliteConnection(_reads.ConnectionString))
        {
            SqliteConnection.ClearPool(readers); // the readers' idle connections: the file is closed when this returns
        }

        _directory.Dispose();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static string Describe(Exception ex) => ex is SqliteException sqlite
        ? sqlite.SqliteErrorCode switch
        {
            26 => "it is not a Charla database, or it is damaged (SQLITE_NOTADB)",
            11 => "the database is damaged (SQLITE_CORRUPT)",
            13 => "the disk is full (SQLITE_FULL)",
            8 => "the file is read-only (SQLITE_READONLY)",
            5 or 6 => "the database is locked by another program",
            14 => "the file cannot be opened (SQLITE_CANTOPEN)",
            _ => sqlite.Message,
        }
        : ex.Message;
}
