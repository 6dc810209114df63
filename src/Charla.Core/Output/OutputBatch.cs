namespace Charla.Core.Output;

/// <summary>
/// Write coalescing for one thread's burst of work, as an event-loop server flushes at the end
/// of a loop turn: while a batch is open on a thread, queues that become ready to write are only
/// noted; closing the batch writes them, each once (itself, or by <see cref="WriteLanes"/>). A
/// reader handling a buffer of 50 channel messages so makes one write per recipient, not 50,
/// and goes back to reading while other threads write.
/// </summary>
/// <remarks>
/// A batch must open and close on the same thread with no await in between (the read loop's
/// synchronous part). Queues that a batch readied, if at most <see cref="InlineWriteLimit"/> (a
/// reply to the client who spoke, a line to a small channel), are written by this thread when
/// the outermost batch closes: handing a few writes to the pool costs more in wakeups and
/// spinning than the writes themselves (churn, bench/RESULTS.md). A bigger fan-out goes to the
/// lanes as soon as its own batch closes, where the cores share it and each recipient's lines
/// from several senders meet in one write. Batches nest: an epoll loop opens one around each
/// turn, so the few writes of all the reads in a turn go out together at its end (as an
/// event-loop server flushes after its turn), and a client woken by several of them is written
/// once. Outside any batch a ready queue goes to its lane.
/// </remarks>
public static class OutputBatch
{
    /// <summary>The most queues a closing batch writes itself; more go to the writer lanes.</summary>
    public const int InlineWriteLimit = 32;

    [ThreadStatic]
    private static List<OutputQueue>? t_ready;

    [ThreadStatic]
    private static int t_depth;

    [ThreadStatic]
    private static int t_settled; // how many of t_ready closed batches have kept as few, to write at the outermost close

    /// <summary>Opens a batch on this thread; dispose it to hand over what became ready. Batches nest.</summary>
    public static Scope Open()
    {
        t_depth++;
        return new Scope(t_ready?.Count ?? 0);
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
            WriteLanes.Enqueue(queue);
        }
    }

    /// <summary>
    /// Writes <paramref name="queue"/> now, on this thread, if it waits in this thread's open batch
    /// (a closing client's goodbye, which its connection waits for before closing the socket).
    /// </summary>
    public static void WriteNow(OutputQueue queue)
    {
        if (t_ready is { } ready && ready.Remove(queue))
        {
            queue.Drain();
        }
    }

    private static void Close(int start)
    {
        var outermost = --t_depth == 0;
        if (t_ready is not { Count: > 0 } ready)
        {
            return;
        }

        // This batch's own: what it readied, less what nested batches already judged few.
        start = Math.Min(Math.Max(start, t_settled), ready.Count); // WriteNow may have taken some
        if (ready.Count - start > InlineWriteLimit)
        {
            // This batch's own fan-out is big: to the lanes now, so they write while this thread reads on.
            for (var i = start; i < ready.Count; i++)
            {
                WriteLanes.Enqueue(ready[i]);
            }

            ready.RemoveRange(start, ready.Count - start);
        }

        t_settled = outermost ? 0 : ready.Count;
        if (!outermost || ready.Count == 0)
        {
            return; // the few writes wait for the outermost batch (an epoll loop's turn), to go out together
        }

        t_ready = null; // a drain that opens a batch of its own (a client gone, closed) gets its own list
        try
        {
            foreach (var queue in ready)
            {
                queue.Drain();
            }
        }
        finally
        {
            ready.Clear();
            t_ready ??= ready;
        }
    }

    /// <summary>An open batch (and where its own ready queues begin in the thread's list); disposing it closes the batch.</summary>
    public readonly struct Scope(int start) : IDisposable
    {
        public void Dispose() => Close(start);
    }
}
