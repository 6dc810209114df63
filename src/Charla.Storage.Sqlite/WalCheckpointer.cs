using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SQLitePCL;

namespace Charla.Storage.Sqlite;

/// <summary>
/// Copies the write-ahead log into the database on a thread and connection of its own (a
/// PASSIVE checkpoint: it never takes the writer's lock), a moment after the writer has
/// committed, instead of SQLite's automatic checkpoint, which runs inside the commit that
/// crosses a thousand pages and holds that commit's acknowledgements behind copying and an
/// fsync of the database (the p99 of message-to-acknowledgement, bench/RESULTS.md). While the
/// writer is busy a checkpoint from another connection never quite catches up, and the log only
/// starts over from its beginning when one has: past <see cref="RestartFrames"/> the writer is
/// asked to copy the last frames itself between two commits (<see cref="CatchUpWanted"/>: those
/// since this thread's checkpoint, a few milliseconds), after which its next transaction
/// starts the log over, so the log's size stays bounded.
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    /// <summary>How long after a commit the checkpoint runs: commits in between are copied together.</summary>
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(200);

    /// <summary>Frames (pages) in the log past which the next checkpoint restarts it: 32 MiB.</summary>
    internal const int RestartFrames = 8192;

    private readonly SqliteConnection _connection;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly Thread _thread;
    private bool _due; // something was committed since the last checkpoint
    private bool _stopping;
    private bool _failing;

    public WalCheckpointer(string path, ILogger logger)
    {
        _logger = logger;
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        _connection.Open();
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode;"; // a connection knows the file is in WAL mode once it has read it; until then a checkpoint does nothing
            command.ExecuteScalar();
        }

        _thread = new Thread(Run) { Name = "charla-checkpoint", IsBackground = true };
        _thread.Start();
    }

    /// <summary>Checkpoints done since the start.</summary>
    public long Checkpoints { get; private set; }

    /// <summary>Times the writer was asked to catch up, so that the log starts over.</summary>
    public long Restarts { get; private set; }

    /// <summary>The log is long: the writer should copy what is left of it between two commits (<see cref="CatchUp"/>).</summary>
    public bool CatchUpWanted => Volatile.Read(ref _catchUpWanted);

    private bool _catchUpWanted;

    /// <summary>
    /// On the writer's connection, between transactions: copies the frames this thread's last
    /// checkpoint left, with no writer beside it, so the whole log is in the database and the
    /// writer's next transaction starts it over.
    /// </summary>
    public void CatchUp(SqliteConnection writer)
    {
        Volatile.Write(ref _catchUpWanted, false);
        Report(raw.sqlite3_wal_checkpoint_v2(writer.Handle!, "main", raw.SQLITE_CHECKPOINT_PASSIVE, out _, out _));
    }

    /// <summary>The writer committed: a checkpoint follows shortly. Cheap when one is already due.</summary>
    public void Committed()
    {
        if (Volatile.Read(ref _due))
        {
            return;
        }

        lock (_gate)
        {
            _due = true;
            Monitor.Pulse(_gate);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.Pulse(_gate);
        }

        _thread.Join();
        _connection.Dispose();
    }

    private void Run()
    {
        while (true)
        {
            lock (_gate)
            {
                while (!_due && !_stopping)
                {
                    Monitor.Wait(_gate);
                }

                if (_stopping)
                {
                    return; // the last connection to close checkpoints the rest
                }

                Monitor.Wait(_gate, Delay); // commits meanwhile join this checkpoint (or stop cuts it short)
                _due = false;
                if (_stopping)
                {
                    return;
                }
            }

            Checkpoint();
        }
    }

    private void Checkpoint()
    {
        var result = raw.sqlite3_wal_checkpoint_v2(_connection.Handle!, "main", raw.SQLITE_CHECKPOINT_PASSIVE, out var frames, out _);
        if (result == raw.SQLITE_OK && frames > RestartFrames)
        {
            Restarts++;
            Volatile.Write(ref _catchUpWanted, true);
        }

        Checkpoints++;
        Report(result);
    }

    private void Report(int result)
    {
        if (result is raw.SQLITE_OK or raw.SQLITE_BUSY)
        {
            _failing = false;
            return;
        }

        if (!_failing)
        {
            _failing = true;
            _logger.LogError("The write-ahead log could not be copied into the database ({Error}); it grows until it can.", raw.sqlite3_errstr(result).utf8_to_string());
        }
    }
}
