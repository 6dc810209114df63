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
    private readonly SearchIndexer _indexer;
    private bool _indexFailing; // until the next commit
    private RecordInsert? _insert;
    private readonly HistoryPruner _pruner;
    private readonly WalCheckpointer _checkpointer;
    private SqliteCommand? _findConversation;
    private SqliteCommand? _addConversation;

    public HistoryWriter(SqliteConnection connection, int maxPending, HistoryPruner pruner, WalCheckpointer checkpointer, ILogger logger)
    {
        _checkpointer = checkpointer;
        _connection = connection;
        _indexer = new SearchIndexer(connection);
        _pruner = pruner;
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

    /// <summary>Wraps the completions of one commit (the core writes the replies they release together, on this thread when they are few).</summary>
    public Func<IDisposable>? CompletionScope { get; private set; }

    public void SetCompletionScope(Func<IDisposable> open) => CompletionScope = open;

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

    /// <summary>Told after each commit of records: how many, and how long the transaction took (for the metrics).</summary>
    public Action<int, TimeSpan>? CommitObserved { get; set; }

    /// <summary>False while commits fail (a full disk, a lock held elsewhere): what is appended is not acknowledged.</summary>
    public bool IsWriting => !Volatile.Read(ref _failing);

    /// <summary>Transactions committed since the start (group commit: many records each).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    private long _commits;

    public void Append(HistoryRecord record) => Enqueue(record);

    public void Remove(HistoryRemoval removal) => Enqueue(removal);

    /// <summary>A point in the writer's order at which a whole pruning round runs; completes after it.</summary>
    public Task<bool> PruneNowAsync()
    {
        var request = new PruneRequest();
        Enqueue(request);
        return request.WhenCompletedAsync();
    }

    /// <summary>Records removed by retention since the start.</summary>
    public long Pruned => _pruner.Removed;

    /// <summary>A point in the writer's order: completes once everything appended before it is committed (a read that must see it).</summary>
    public ReadBarrier Barrier(bool forSearch = false)
    {
        var barrier = new ReadBarrier { ForSearch = forSearch };
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
        _logger.LogInformation(
            "History writer stopped: {Records} records stored in {Commits} commits since the start; {Checkpoints} checkpoints, {Restarts} of the log.",
            Stored, Commits, _checkpointer.Checkpoints, _checkpointer.Restarts);
        _insert?.Dispose();
        _findConversation?.Dispose();
        _addConversation?.Dispose();
    }

    private void Run()
    {
        _indexer.Load();
        while (true)
        {
            List<StoreTicket> batch;
            bool idle;
            lock (_gate)
            {
                // Asleep until something is appended; with messages left to index, a second of
                // quiet (or a full chunk's worth) is the moment to index them; with a retention,
                // a round of pruning is due now and then.
                idle = false;
                while (_pending.Count == 0 && !_stopping && !idle && !_pruner.HasWork)
                {
                    _waiting = true;
                    idle = !Monitor.Wait(_gate, NextWakeUp()) && IndexBehind;
                }

                (batch, _pending, _writing) = (_pending, _writing, _pending);
                _waiting = false;
                idle &= batch.Count == 0;
            }

            if (batch.Count == 0 && !idle && _stopping)
            {
                return; // everything is written (the index catches up at the next start)
            }

            if (_checkpointer.CatchUpWanted)
            {
                _checkpointer.CatchUp(_connection);
            }

            if (batch.Count > 0)
            {
                var stored = Commit(batch);
                if (stored && batch.Exists(t => t is ReadBarrier { ForSearch: true }))
                {
                    CatchUpIndex(_lastSequence);
                }

                if (batch.Exists(t => t is PruneRequest))
                {
                    _pruner.RunRound(_indexer.IndexedUpTo);
                }

                using (CompletionScope?.Invoke())
                {
                    foreach (var record in batch)
                    {
                        record.Complete(stored);
                    }
                }

                batch.Clear();
            }

            // The index follows in chunks: after a second of quiet, or once a chunk's worth waits
            // (indexed a few messages at a time, it cost more than storing them).
            if (IndexBehind && (idle || _lastSequence - _indexer.IndexedUpTo >= SearchIndexer.Chunk))
            {
                TryIndex(() => _indexer.IndexNext(_lastSequence));
            }

            // Pruning goes a chunk per turn, between commits: appends never wait long for it.
            _pruner.Turn(_indexer.IndexedUpTo);
        }
    }

    private TimeSpan NextWakeUp()
    {
        var wait = IndexBehind ? IdleBeforeIndexing : Timeout.InfiniteTimeSpan;
        return _pruner.UntilDue is { } untilPrune && (wait == Timeout.InfiniteTimeSpan || untilPrune < wait) ? untilPrune : wait;
    }

    private bool IndexBehind => !_indexFailing && _indexer.IndexedUpTo < _lastSequence;

    /// <summary>How long the writer stays quiet before it indexes what is left.</summary>
    private static readonly TimeSpan IdleBeforeIndexing = TimeSpan.FromSeconds(1);

    private void CatchUpIndex(long upTo)
    {
        while (!_indexFailing && _indexer.IndexedUpTo < upTo)
        {
            TryIndex(() => _indexer.IndexNext(upTo));
        }
    }

    private void TryIndex(Action index)
    {
        try
        {
            index();
        }
        catch (SqliteException ex)
        {
            // Searched messages may be missing from results until it works again (after the next commit).
            _indexFailing = true;
            _logger.LogError("The search index could not be updated ({Error}).", ex.Message);
        }
    }

    private bool Commit(List<StoreTicket> batch)
    {
        if (batch.TrueForAll(t => t is ReadBarrier))
        {
            // Reads waiting for their place only: no transaction, no lock.
            foreach (var ticket in batch)
            {
                ((ReadBarrier)ticket).Sequence = _lastSequence;
            }

            return true;
        }

        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var insert = _insert ??= new RecordInsert(_connection);
            var last = _lastSequence;
            insert.Begin();
            try
            {
                foreach (var ticket in batch)
                {
                    switch (ticket)
                    {
                        case HistoryRecord record:
                            var conversation = ConversationId(record.Conversation, record.Time);
                            insert.Run(record, last + 1, conversation);
                            record.Sequence = ++last;
                            _pruner.Grew(conversation);
                            break;
                        case HistoryRemoval removal:
                            removal.Found = RecordDeletion.DeleteMessage(_connection, removal, _indexer.IndexedUpTo);
                            break;
                        case ReadBarrier barrier:
                            barrier.Sequence = last;
                            break;
                    }
                }

                insert.Commit();
            }
            catch (SqliteException)
            {
                insert.Rollback();
                throw;
            }

            _lastSequence = last;
            var records = batch.Count(t => t is HistoryRecord);
            Interlocked.Add(ref _stored, records);
            CommitObserved?.Invoke(records, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            Interlocked.Increment(ref _commits);
            _checkpointer.Committed();
            _indexFailing = false;
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

    private long ConversationId(string key, DateTimeOffset time)
    {
        if (_conversations.TryGetValue(key, out var id))
        {
            return id;
        }

        var find = _findConversation ??= PreparedCommands.Prepare(_connection, "SELECT id FROM conversations WHERE key = $key;", "$key");
        find.Parameters[0].Value = key;
        if (find.ExecuteScalar() is long found)
        {
            id = found;
        }
        else
        {
            var add = _addConversation ??= PreparedCommands.Prepare(_connection, "INSERT INTO conversations (key, created) VALUES ($key, $created) RETURNING id;", "$key", "$created");
            add.Parameters[0].Value = key;
            add.Parameters[1].Value = time.ToUnixTimeMilliseconds();
            id = (long)add.ExecuteScalar()!;
        }

        _conversations[key] = id;
        return id;
    }
}

/// <summary>Asks the writer for a whole pruning round at its place in the order.</summary>
internal sealed class PruneRequest : StoreTicket;
