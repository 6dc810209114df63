using System.Buffers;

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
    // Up to this many recipients a closing batch writes on its own thread; more go to the pool.
    private const int InlineDrains = 16;

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

        if (ready.Count <= InlineDrains)
        {
            // A reply or a small channel: write now, on this thread (drains only write, so
            // nothing is added to the list while it is walked).
            foreach (var queue in ready)
            {
                queue.Drain();
            }
        }
        else
        {
            // A big fan-out: let another thread write while this one reads on. Under load the
            // queues fill up meanwhile with lines from other senders, and each recipient gets
            // them in one write: batching grows with the load, latency stays low when quiet.
            ThreadPool.UnsafeQueueUserWorkItem(new DrainJob(ready), preferLocal: false);
        }

        ready.Clear();
    }

    /// <summary>Drains a batch's ready queues on the thread pool.</summary>
    private sealed class DrainJob : IThreadPoolWorkItem
    {
        private readonly OutputQueue[] _queues;
        private readonly int _count;

        public DrainJob(List<OutputQueue> ready)
        {
            _count = ready.Count;
            _queues = ArrayPool<OutputQueue>.Shared.Rent(_count);
            ready.CopyTo(_queues);
        }

        public void Execute()
        {
            for (var i = 0; i < _count; i++)
            {
                _queues[i].Drain();
            }

            ArrayPool<OutputQueue>.Shared.Return(_queues, clearArray: true);
        }
    }

    /// <summary>An open batch; disposing it closes the batch.</summary>
    public readonly struct Scope : IDisposable
    {
        public void Dispose() => Close();
    }
}
