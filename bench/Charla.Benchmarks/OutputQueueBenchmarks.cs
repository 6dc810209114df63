using BenchmarkDotNet.Attributes;
using Charla.Core.Output;

namespace Charla.Benchmarks;

/// <summary>
/// The per-recipient half of fan-out: lines queued for one client in a batch, then handed to
/// its writer in one call (the writer here takes them, as a socket with room does); and the
/// same for replies, which are copied into the queue's pooled chunks.
/// Allocated must be <c>-</c>: nothing per delivered line or reply.
/// </summary>
[MemoryDiagnoser]
public class OutputQueueBenchmarks
{
    private static readonly ReadOnlyMemory<byte> Line = "PRIVMSG #lobby :hello everyone, this is a line of chat\r\n"u8.ToArray();
    private readonly OutputQueue _queue = new(int.MaxValue);

    [GlobalSetup]
    public void Setup() => _queue.Attach(new TakingWriter());

    [Benchmark]
    public void QueueAndWrite10Lines()
    {
        using (OutputBatch.Open())
        {
            for (var i = 0; i < 10; i++)
            {
                _queue.TryEnqueue(Line);
            }
        }
    }

    [Benchmark]
    public void QueueAndWrite10Replies()
    {
        using (OutputBatch.Open())
        {
            for (var i = 0; i < 10; i++)
            {
                _queue.TryEnqueueCopy(Line.Span);
            }
        }
    }

    private sealed class TakingWriter : IOutputWriter
    {
        public long Bytes { get; private set; }

        public ValueTask<bool> WriteAsync(ReadOnlySpan<ReadOnlyMemory<byte>> lines)
        {
            foreach (var line in lines)
            {
                Bytes += line.Length;
            }

            return new(true);
        }
    }
}
