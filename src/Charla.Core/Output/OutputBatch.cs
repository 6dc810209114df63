namespace Charla.Core.Output;

/// <summary>
/// Write coalescing for one thread's burst of work, as an event-loop server flushes at the end
/// of a loop turn: while a batch is open on a thread, queues that become ready to write are only
/// noted; closing the batch hands them to the writers (<see cref="WriteLanes"/>), each once. A
/// reader handling a buffer of 50 channel messages so makes one write per recipient, not 50,
/// and goes back to reading while other threads write.
/// </summary>
/// <remarks>
/// A batch must open and close on the same thread with no await in between (the read loop's
/// synchronous part). A batch that readied at most <see cref="InlineWriteLimit"/> queues (a
/// reply to the client who spoke, a line to a small channel) writes them itself on its own
/// thread: handing a few writes to the pool costs more in wakeups and spinning than the writes
/// themselves (churn, bench/RESULTS.md). Bigger fan-outs go to the lanes as soon as a batch
/// closes, where the cores share them and each recipient's lines from several senders meet in
/// one write. Batches nest: an epoll loop opens one around each turn, so the few writes of all
/// the reads in a turn go out together at its end (as an event-loop server flushes after its
/// turn), and a client woken by several of them is woken once. Outside any batch a ready queue
/// goes to its lane.
/// </remarks>
public static class OutputBatch
{
    /// <summary>The most queues a closing batch writes itself; more go to the writer lanes.</summary>
    public const int InlineWriteLimit = 32;

    [ThreadStatic]
    private static List<OutputQueue>? t_ready;

    [ThreadStatic]
    private static int t_depth;

    /// <summary>Opens a batch on this thread; dispose it to hand over what became ready. Batches nest.</summary>
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

    private static void Close()
    {
        var outermost = --t_depth == 0;
        if (t_ready is not { Count: > 0 } ready || (!outermost && ready.Count <= InlineWriteLimit))
        {
            return; // a few writes wait for the outermost batch (an epoll loop's turn), to go out together
        }

        t_ready = null; // a drain that opens a batch of its own (a client gone, closed) gets its own list
        try
        {
            foreach (var queue in ready)
            {
                if (outermost && ready.Count <= InlineWriteLimit)
                {
                    queue.Drain();
                }
                else
                {
                    WriteLanes.Enqueue(queue);
                }
            }
        }
        finally
        {
            ready.Clear();
            t_ready ??= ready;
        }
    }

    /// <summary>An open batch; disposing it closes the batch.</summary>
    public readonly struct Scope : IDisposable
    {
        public void Dispose() => Close();
    }
}
