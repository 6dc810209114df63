namespace Charla.Storage.History;

/// <summary>Where history is written: in the order of the calls, each record completed (stored or not) once it is on disk.</summary>
public interface IHistoryLog
{
    /// <summary>
    /// Queues <paramref name="record"/> to be stored after everything appended before it. Never
    /// blocks and never waits for the disk: the caller may hold a channel's lock, so that the
    /// stored order is the order members saw.
    /// </summary>
    void Append(HistoryRecord record);

    /// <summary>Queues the removal of a message (from history and search), in order with what is appended; never blocks.</summary>
    void Remove(HistoryRemoval removal);

    /// <summary>
    /// Opens a scope around the completions of one commit, which the store runs on its own
    /// thread: the core passes one so that the replies they release (acknowledgements) are
    /// written together, as at the end of a loop turn, not each handed to another thread.
    /// </summary>
    void SetCompletionScope(Func<IDisposable> open);
}

/// <summary>A store of history: written in order, read back.</summary>
public interface IHistoryStore : IHistoryLog, IHistoryReader;
