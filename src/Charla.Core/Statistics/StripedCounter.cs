namespace Charla.Core.Statistics;

/// <summary>
/// A counter bumped from every core at once (bytes written by each writer lane, deliveries by
/// each loop) without the cores fighting over one cache line: each core adds to a slot of its
/// own, 64 bytes apart, and a read sums them. Reads are rare (a metrics scrape).
/// </summary>
public sealed class StripedCounter
{
    private const int Spacing = 8; // longs per slot: 64 bytes, a cache line
    private readonly long[] _slots = new long[Environment.ProcessorCount * Spacing];

    public void Add(long value) =>
        Interlocked.Add(ref _slots[Thread.GetCurrentProcessorId() % Environment.ProcessorCount * Spacing], value);

    public long Value
    {
        get
        {
            long sum = 0;
            for (var i = 0; i < _slots.Length; i += Spacing)
            {
                sum += Interlocked.Read(ref _slots[i]);
            }

            return sum;
        }
    }
}
