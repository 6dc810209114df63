using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Charla.Server.Memory;

/// <summary>
/// Gives the managed heap's empty pages back to the system when the server goes quiet after a
/// burst (a wave of logins, a flood of messages): one compacting collection that decommits
/// what it can (<see cref="GCCollectionMode.Aggressive"/>), at most once per burst.
/// </summary>
/// <remarks>
/// The pause is that of one full collection of the live heap (about 25 ms for 10,000 idle
/// clients on the 2-core benchmark machine) and comes only when nobody is busy. <c>Memory:TrimWhenIdle</c> turns it off.
/// </remarks>
public sealed class IdleMemoryTrimService(TimeProvider time, IManagedHeap heap, ILogger<IdleMemoryTrimService> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(500);

    private readonly IdleTrimPolicy _policy = IdleTrimPolicy.Default();

    private int _trims;

    /// <summary>How many times the heap was trimmed.</summary>
    public int Trims => Volatile.Read(ref _trims);

    /// <summary>
    /// Takes the first sample on the starting thread, before the listeners open: the heap as it is
    /// before any client. (.NET 10 runs all of <see cref="ExecuteAsync"/> on the thread pool, which
    /// under load can start it after the first burst has already grown the heap; that burst would
    /// then be the baseline and never trimmed.)
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        SampleAndTrim();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                SampleAndTrim();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void SampleAndTrim()
    {
        if (_policy.Sample(heap.TotalAllocatedBytes, heap.CommittedBytes))
        {
            Trim();
        }
    }

    private void Trim()
    {
        var before = heap.CommittedBytes;
        var started = Stopwatch.GetTimestamp();
        heap.Compact();
        var pause = Stopwatch.GetElapsedTime(started);
        var after = heap.CommittedBytes;
        _policy.Trimmed(after);
        Interlocked.Increment(ref _trims);
        logger.LogInformation(
            "Quiet after a burst: heap trimmed from {Before:F1} to {After:F1} MiB ({Pause:F1} ms)",
            before / 1048576.0, after / 1048576.0, pause.TotalMilliseconds);
    }
}
