using Charla.Storage.History;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Charla.Storage.Sqlite;

/// <summary>
/// Writes history on one thread of its own, with group commit: whatever was appended while the
/// last commit ran goes into the next transaction, one commit (and, with
/// <see cref="StorageSync.Full"/>, one sync) for all of it; then each record is completed, so
/// its sender's acknowledgement goes out. Appending takes a lock for a moment and never waits
/// for the disk.
/// </summary>
internal sealed class HistoryWriter : IHistoryLog, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly int _maxPending;
    private readonly ILogger _logger;
    private readonly object _gate = new(); // a monitor: the writer waits on it
    private readonly Thread _thread;
    private readonly Dictionary<string, long> _conversations = new(StringComparer.Ordinal);
    private List<StoreTicket> _pending = [];
    private List<StoreTicket> _writing = [];
    private bool _waiting;
    private bool _stopping;
    private bool _failing; // the last commit failed: logged once, until one succeeds
    private long _stored;
    private long _lastSequence; // the last committed record's
    private SqliteCommand? _insert;
    private SqliteCommand? _findConversation;
    private SqliteCommand? _addConversation;

    public HistoryWriter(SqliteConnection connection, int maxPending, ILogger logger)
    {
        _connection = connection;
        using (var last = connection.CreateCommand())
        {
            last.CommandText = "SELECT coalesce(max(seq), 0) FROM messages;"; // the rowid's end of the index: no scan
            _lastSequence = (long)last.ExecuteScalar()!;
        }

        _maxPending = maxPending;
        _logger = logger;
        _thread = new Thread(Run) { Name = "charla-history", IsBackground = true };
        _thread.Start();
    }

    /// <summary>Records appended and not yet taken by the writer.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Records stored since the start.</summary>
    public long Stored => Interlocked.Read(ref _stored);

    public void Append(HistoryRecord record) => Enqueue(record);

    /// <summary>A point in the writer's order: completes once everything appended before it is committed (a read that must see it).</summary>
    public ReadBarrier Barrier()
    {
        var barrier = new ReadBarrier();
        Enqueue(barrier);
        return barrier;
    }

    private void Enqueue(StoreTicket record)
    {
        lock (_gate)
        {
            if (!_stopping && _pending.Count < _maxPending)
            {
                _pending.Add(record);
                if (_waiting)
                {
                    _waiting = false;
                    Monitor.Pulse(_gate);
                }

                return;
            }
        }

        if (record is ReadBarrier refused)
        {
            refused.Sequence = long.MaxValue; // nothing to wait for: read what is there
        }

        record.Complete(stored: false); // refused: the disk is too far behind (or the server is stopping)
    }

    /// <summary>Stores what is pending, then stops the thread.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.Pulse(_gate);
        }

        _thread.Join();
        _insert?.Dispose();
        _findConversation?.Dispose();
        _addConversation?.Dispose();
    }

    private void Run()
    {
        while (true)
        {
            List<StoreTicket> batch;
            lock (_gate)
            {
                while (_pending.Count == 0 && !_stopping)
                {
                    _waiting = true;
                    Monitor.Wait(_gate);
                }

                (batch, _pending, _writing) = (_pending, _writing, _pending);
                _waiting = false;
            }

            if (batch.Count == 0)
            {
                return; // stopping, and everything is written
            }

            var stored = Commit(batch);
            foreach (var record in batch)
            {
                record.Complete(stored);
            }

            batch.Clear();
        }
    }

    private bool Commit(List<StoreTicket> batch)
    {
        try
        {
            using (var transaction = _connection.BeginTransaction())
            {
                var insert = _insert ??= PrepareInsert();
                insert.Transaction = transaction;
                var last = _lastSequence;
                foreach (var ticket in batch)
                {
                    if (ticket is HistoryRecord record)
                    {
                        Bind(insert, record, ConversationId(record.Conversation, record.Time, transaction));
                        last = record.Sequence = (long)insert.ExecuteScalar()!;
                    }
                    else
                    {
                        ((ReadBarrier)ticket).Sequence = last;
                    }
                }

                transaction.Commit();
                _lastSequence = last;
            }

            Interlocked.Add(ref _stored, batch.Count);
            if (_failing)
            {
                _failing = false;
                _logger.LogWarning("History is being stored again.");
            }

            return true;
        }
        catch (SqliteException ex)
        {
            // Ids cached for conversations made in the failed transaction are gone with it.
            _conversations.Clear();
            foreach (var barrier in batch.OfType<ReadBarrier>())
            {
                barrier.Sequence = _lastSequence;
            }

            if (!_failing)
            {
                _failing = true;
                _logger.LogError("History could not be stored ({Error}); messages are relayed but not acknowledged until it can.", ex.Message);
            }

            return false;
        }
    }

    private long ConversationId(string key, DateTimeOffset time, SqliteTransaction transaction)
    {
        if (_conversations.TryGetValue(key, out var id))
        {
            return id;
        }

        var find = _findConversation ??= Prepare("SELECT id FROM conversations WHERE key = $key;", "$key");
        find.Transaction = transaction;
        find.Parameters[0].Value = key;
        if (find.ExecuteScalar() is long found)
        {
            id = found;
        }
        else
        {
            var add = _addConversation ??= Prepare("INSERT INTO conversations (key, created) VALUES ($key, $created) RETURNING id;", "$key", "$created");
            add.Transaction = transaction;
            add.Parameters[0].Value = key;
            add.Parameters[1].Value = time.ToUnixTimeMilliseconds();
            id = (long)add.ExecuteScalar()!;
        }

        _conversations[key] = id;
        return id;
    }

    private SqliteCommand PrepareInsert() => Prepare(
        """
        INSERT INTO messages (conversation, msgid, time, kind, target, nick, user, host, account, text, tags, detail)
        VALUES ($conversation, $msgid, $time, $kind, $target, $nick, $user, $host, $account, $text, $tags, $detail)
        RETURNING seq;
        """,
        "$conversation", "$msgid", "$time", "$kind", "$target", "$nick", "$user", "$host", "$account", "$text", "$tags", "$detail");

    private static void Bind(SqliteCommand insert, HistoryRecord record, long conversation)
    {
        var p = insert.Parameters;
        p[0].Value = conversation;
        p[1].Value = record.MessageId;
        p[2].Value = record.Time.ToUnixTimeMilliseconds();
        p[3].Value = (int)record.Kind;
        p[4].Value = record.Target;
        p[5].Value = record.Nick;
        p[6].Value = record.User;
        p[7].Value = record.Host;
        p[8].Value = (object?)record.Account ?? DBNull.Value;
        p[9].Value = record.Text;
        p[10].Value = record.ClientTags;
        p[11].Value = record.Detail;
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }
}
