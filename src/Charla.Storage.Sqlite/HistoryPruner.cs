using Charla.Storage.History;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Charla.Storage.Sqlite;

/// <summary>
/// Forgets what history is not to keep (<see cref="HistoryRetention"/>), on the writer's thread and
/// connection, <see cref="Chunk"/> records per transaction, so that a commit waits a few
/// milliseconds at most for it: a first run over a large old database is many small steps
/// between the writer's commits, never one long one (<see cref="RecordDeletion"/> removes them).
/// </summary>
internal sealed class HistoryPruner(SqliteConnection connection, HistoryRetention retention, TimeProvider time, ILogger logger)
{
    /// <summary>Records removed in one transaction.</summary>
    public const int Chunk = 1_000;

    /// <summary>How often a round runs, and how long after the start the first one (the start itself reads nothing old).</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan FirstAfter = TimeSpan.FromSeconds(10);

    private long _nextRoundAt = Environment.TickCount64 + (long)FirstAfter.TotalMilliseconds; // real time: when, not what, is pruned
    private bool _inRound; // a round is under way, a chunk per turn
    private bool _failing; // logged once, until a step succeeds
    private long _removed;

    private readonly HashSet<long> _grown = []; // conversations written to since their size was last checked
    private readonly Queue<long> _toCheck = new();
    private bool _oldDone; // this round found nothing older than the retention

    /// <summary>Whether there is anything to keep an eye on.</summary>
    public bool Enabled => !retention.KeepsAll;

    /// <summary>Records removed since the start.</summary>
    public long Removed => Interlocked.Read(ref _removed);

    /// <summary>A round is under way or due: the writer should not sleep.</summary>
    public bool HasWork => _inRound || (Enabled && Environment.TickCount64 >= _nextRoundAt);

    /// <summary>How long until the next round is due; null when nothing is ever pruned.</summary>
    public TimeSpan? UntilDue => Enabled ? TimeSpan.FromMilliseconds(Math.Max(0, _nextRoundAt - Environment.TickCount64)) : null;

    /// <summary>One turn of the writer: a chunk of the round under way, or of a round that is due.</summary>
    public void Turn(long indexedUpTo)
    {
        if (!HasWork)
        {
            return;
        }

        if (!_inRound)
        {
            StartRound();
            _inRound = true;
        }

        _inRound = TryStep(indexedUpTo);
        if (!_inRound)
        {
            _nextRoundAt = Environment.TickCount64 + (long)Interval.TotalMilliseconds;
        }
    }

    /// <summary>A whole round at once (asked for: <see cref="SqliteStore.PruneNowAsync"/>).</summary>
    public void RunRound(long indexedUpTo)
    {
        StartRound();
        while (TryStep(indexedUpTo))
        {
        }

        _inRound = false;
    }

    /// <summary>One step; false when the round is over, or failed (logged once; tried again next round).</summary>
    private bool TryStep(long indexedUpTo)
    {
        try
        {
            var more = Step(indexedUpTo);
            if (_failing)
            {
                _failing = false;
                logger.LogWarning("Old history is being removed again.");
            }

            return more;
        }
        catch (SqliteException ex)
        {
            if (!_failing)
            {
                _failing = true;
                logger.LogError("Old history could not be removed ({Error}); it is kept until it can.", ex.Message);
            }

            return false;
        }
    }

    /// <summary>A record went into <paramref name="conversation"/>: its size is checked at the next round.</summary>
    public void Grew(long conversation)
    {
        if (retention.MaxRecordsPerConversation > 0)
        {
            _grown.Add(conversation);
        }
    }

    /// <summary>Starts a round: what is too old, then each conversation that grew.</summary>
    private void StartRound()
    {
        _oldDone = retention.Days <= 0;
        foreach (var conversation in _grown)
        {
            _toCheck.Enqueue(conversation);
        }

        _grown.Clear();
    }

    /// <summary>Removes one chunk of what the round has left; false once the round is done.</summary>
    private bool Step(long indexedUpTo)
    {
        if (!_oldDone)
        {
            var cutoff = time.GetUtcNow().AddDays(-retention.Days).ToUnixTimeMilliseconds();
            var removed = Remove(
                "SELECT seq FROM messages WHERE seq IN (SELECT seq FROM messages ORDER BY seq LIMIT $chunk) AND time < $cutoff",
                indexedUpTo, ("$cutoff", cutoff));
            _oldDone = removed == 0; // the oldest records are all recent enough (seq follows time)
            return true;
        }

        while (_toCheck.TryPeek(out var conversation))
        {
            var boundary = NewestBeyondCap(conversation);
            if (boundary is null)
            {
                _toCheck.Dequeue();
                continue;
            }

            Remove(
                "SELECT seq FROM messages WHERE conversation = $conversation AND (time, seq) <= ($time, $seq) ORDER BY time, seq LIMIT $chunk",
                indexedUpTo, ("$conversation", conversation), ("$time", boundary.Value.Time), ("$seq", boundary.Value.Sequence));
            return true;
        }

        return false;
    }

    /// <summary>The newest record past the cap in <paramref name="conversation"/> (all up to it go, in (time, seq) order), or null if it is within the cap.</summary>
    private (long Time, long Sequence)? NewestBeyondCap(long conversation)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT time, seq FROM messages WHERE conversation = $conversation ORDER BY time DESC, seq DESC LIMIT 1 OFFSET $cap;";
        command.Parameters.AddWithValue("$conversation", conversation);
        command.Parameters.AddWithValue("$cap", retention.MaxRecordsPerConversation);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    /// <summary>Removes the records <paramref name="select"/> picks (at most a chunk), from the word index and the table, in one transaction.</summary>
    private int Remove(string select, long indexedUpTo, params (string Name, object Value)[] parameters)
    {
        using var transaction = connection.BeginTransaction();
        var removed = RecordDeletion.Delete(connection, transaction, select, indexedUpTo, [("$chunk", Chunk), .. parameters]);
        transaction.Commit();
        Interlocked.Add(ref _removed, removed);
        return removed;
    }
}
