namespace Charla.Server.Memory;

/// <summary>
/// Decides when the server has gone quiet after a burst that grew the managed heap, so the memory
/// the burst left committed can be given back: sampled on a timer with the bytes allocated so far
/// and the heap's committed bytes, it says yes once per burst, never while clients keep the server busy.
/// </summary>
/// <remarks>
/// Why this exists: the GC gives regions back to the system only during a collection, and an idle
/// server allocates nothing, so nothing collects. After 5,000 clients log in, about 1 KiB per
/// connection of touched but empty heap stays resident for as long as they stay idle (measured in
/// bench/RESULTS.md, session 5).
/// </remarks>
public sealed class IdleTrimPolicy(long quietBytesPerSample, int quietSamples, long growthBytes)
{
    private long _allocatedAtLastSample = -1;
    private long _lowestCommitted = long.MaxValue;
    private int _quietInARow;

    /// <summary>
    /// The defaults of <c>charla serve</c>, sampled twice a second: quiet is less than 128 KiB
    /// allocated in each of two half-second samples in a row (an eighth of the 1 MiB gen0 budget
    /// per sample: a few chatting users), and a trim is worth it once the heap has grown 4 MiB
    /// above its lowest point.
    /// </summary>
    public static IdleTrimPolicy Default() => new(128 * 1024, 2, 4 * 1024 * 1024);

    /// <summary>Takes one sample; true when now is the time to give memory back.</summary>
    public bool Sample(long totalAllocatedBytes, long committedBytes)
    {
        var allocated = _allocatedAtLastSample < 0 ? 0 : totalAllocatedBytes - _allocatedAtLastSample;
        _allocatedAtLastSample = totalAllocatedBytes;
        _lowestCommitted = Math.Min(_lowestCommitted, committedBytes);

        _quietInARow = allocated < quietBytesPerSample ? _quietInARow + 1 : 0;
        return _quietInARow >= quietSamples && committedBytes - _lowestCommitted >= growthBytes;
    }

    /// <summary>After a trim: the heap's new size is the point the next burst must grow from.</summary>
    public void Trimmed(long committedBytes)
    {
        _lowestCommitted = committedBytes;
        _quietInARow = 0;
    }
}
