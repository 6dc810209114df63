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
/// synchronous part). A batch that readied only one queue (a reply to the client who spoke)
/// writes it at once on its own thread. Outside any batch a ready queue goes to its lane.
/// </remarks>
public static class OutputBatch
{
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
        if (--t_depth > 0 || t_ready is not { Count: > 0 } ready)
        {
            return;
        }

        if (ready.Count == 1)
        {
            ready[0].Drain();
        }
        else
        {
            foreach (var queue in ready)
            {
                WriteLanes.Enqueue(queue);
            }
        }

        ready.Clear();
    }

    /// <summary>An open batch; disposing it closes the batch.</summary>
    public readonly struct Scope : IDisposable
    {
        public void Dispose() => Close();
    }
}
