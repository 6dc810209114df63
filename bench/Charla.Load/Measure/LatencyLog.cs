using System.Diagnostics;

namespace Charla.Load.Measure;

/// <summary>
/// One receiving client's record: how many deliveries it got and each one's latency (send
/// timestamp in the message to the moment its bytes were read). Single-threaded: each client
/// owns one; they are merged at the end.
/// </summary>
public sealed class LatencyLog(int capacity)
{
    private double[] _millis = new double[Math.Max(capacity, 16)];

    public int Count { get; private set; }

    /// <summary>The receive time of the last delivery (Stopwatch ticks), 0 if none.</summary>
    public long LastArrival { get; private set; }

    public void Add(long sentTimestamp, long receivedTimestamp)
    {
        if (Count == _millis.Length)
        {
            Array.Resize(ref _millis, _millis.Length * 2);
        }

        _millis[Count++] = Stopwatch.GetElapsedTime(sentTimestamp, receivedTimestamp).TotalMilliseconds;
        LastArrival = Math.Max(LastArrival, receivedTimestamp);
    }

    public ReadOnlySpan<double> Millis => _millis.AsSpan(0, Count);

    /// <summary>All logs' latencies, sorted ascending.</summary>
    public static double[] MergeSorted(IEnumerable<LatencyLog> logs)
    {
        var all = new double[logs.Sum(l => l.Count)];
        var at = 0;
        foreach (var log in logs)
        {
            log.Millis.CopyTo(all.AsSpan(at));
            at += log.Count;
        }

        Array.Sort(all);
        return all;
    }
}
