namespace Charla.Server.Memory;

/// <summary>
/// What <see cref="IdleMemoryTrimService"/> reads of the managed heap and does to it: the
/// process's own garbage collector in the server, a scripted heap in tests (the GC's timing is
/// not something a test can wait on).
/// </summary>
public interface IManagedHeap
{
    /// <summary>Bytes allocated since the process started (it only grows).</summary>
    long TotalAllocatedBytes { get; }

    /// <summary>Bytes the heap holds committed now.</summary>
    long CommittedBytes { get; }

    /// <summary>One full, compacting collection that gives empty regions back to the system.</summary>
    void Compact();
}

/// <summary>The process's managed heap, through <see cref="GC"/>.</summary>
public sealed class ProcessHeap : IManagedHeap
{
    public long TotalAllocatedBytes => GC.GetTotalAllocatedBytes(precise: false);

    public long CommittedBytes => GC.GetGCMemoryInfo().TotalCommittedBytes;

    public void Compact() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
