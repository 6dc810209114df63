using System.Collections.Concurrent;

namespace Charla.Core.Output;

/// <summary>
/// Where queues that are ready to write wait for a writer: one lane per core, each drained by at
/// most one thread-pool work item at a time (as Kestrel's I/O queues). A lane that is already
/// being drained takes more queues without waking anyone, and a queue waiting in a lane keeps
/// collecting lines, so under load each client gets several lines per write; when quiet, a
/// ready queue is written at once.
/// </summary>
internal static class WriteLanes
{
    private static readonly Lane[] Lanes = [.. Enumerable.Range(0, Math.Max(1, Environment.ProcessorCount)).Select(_ => new Lane())];

    private static int s_nextLane = -1;

    /// <summary>A lane for a new queue: round robin, so a fan-out spreads over every lane.</summary>
    public static int Assign() => (int)((uint)Interlocked.Increment(ref s_nextLane) % (uint)Lanes.Length);

    /// <summary>Hands a ready queue to its lane's writer.</summary>
    public static void Enqueue(OutputQueue queue) => Lanes[queue.Lane].Add(queue);

    private sealed class Lane : IThreadPoolWorkItem
    {
        private readonly ConcurrentQueue<OutputQueue> _ready = new();
        private int _scheduled;

        public void Add(OutputQueue queue)
        {
            _ready.Enqueue(queue);
            if (Interlocked.Exchange(ref _scheduled, 1) == 0)
            {
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            }
        }

        public void Execute()
        {
            while (true)
            {
                while (_ready.TryDequeue(out var queue))
                {
                    queue.Drain();
                }

                // Stand down, then look once more: a queue added in between must not be stranded.
                Volatile.Write(ref _scheduled, 0);
                if (_ready.IsEmpty || Interlocked.Exchange(ref _scheduled, 1) == 1)
                {
                    return;
                }
            }
        }
    }
}
