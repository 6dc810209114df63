namespace Charla.Core.Output;

/// <summary>
/// Write coalescing for one thread's burst of work, as an event-loop server flushes at the end
/// of a loop turn: while a batch is open on a thread, queues that become ready to write are only
/// noted, and closing the batch drains each of them once. A reader handling a buffer of 50
/// channel messages so makes one write per recipient, not 50.
/// </summary>
/// <remarks>
/// A batch must open and close on the same thread with no await in between (the read loop's
/// synchronous part). Outside any batch a ready queue is drained on the thread pool.
/// </remarks>
public static class OutputBatch
{
    [ThreadStatic]
    private static List<OutputQueue>? t_ready;

    [ThreadStatic]
    private static int t_depth;

    /// <summary>Opens a batch on this thread; dispose it to drain what became ready. Batches nest.</summary>
    public static Scope Open()
    {
        t_depth++;
        return default;
    }

    /// <summary>Called by a queue that has lines and no drain under way.</summary>
    internal static void Schedule(OutputQueue queue)
    {
        if (t_depth > 0)
        {
            (t_ready ??= []).Add(queue);
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(queue, preferLocal: false);
        }
    }

    private static void Close()
    {
        if (--t_depth > 0 || t_ready is not { Count: > 0 } ready)
        {
            return;
        }

        // Drains only write: nothing is added to the list while it is walked.
        foreach (var queue in ready)
        {
            queue.Drain();
        }

        ready.Clear();
    }

    /// <summary>An open batch; disposing it closes the batch.</summary>
    public readonly struct Scope : IDisposable
    {
        public void Dispose() => Close();
    }
}
