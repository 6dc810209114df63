using System.Diagnostics;
using Charla.Load.Clients;
using Charla.Load.Measure;

namespace Charla.Load.Scenarios;

/// <summary>
/// Runs the senders with every client receiving, waits until every expected delivery has
/// arrived (or nothing has arrived for the settle time), and measures: deliveries per second
/// from the first send to the last delivery, latency percentiles, losses, and the server's CPU.
/// </summary>
public static class DeliveryMeasurement
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    public static async Task<LoadResult> RunAsync(
        LoadOptions options, LoadClient[] clients, long[] expected, int senderCount, long expectedAcksPerSender,
        Func<CancellationToken, Task> sendAll, LoadResult shape, CancellationToken cancellationToken)
    {
        using var receiving = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var receivers = clients.Select(c => Task.Run(() => c.ReceiveAsync(clients.Length, receiving.Token), cancellationToken)).ToArray();
        var cpuBefore = options.Process.CpuSeconds();
        var firstSend = Stopwatch.GetTimestamp();
        var sending = sendAll(cancellationToken);

        var totalExpected = expected.Sum();
        long delivered = 0, lastSeen = -1;
        var lastProgress = Stopwatch.GetTimestamp();
        while (true)
        {
            await Task.Delay(Poll, cancellationToken);
            delivered = clients.Sum(c => (long)c.Log.Count);
            var acksDone = options.Protocol != WireProtocol.Plain || clients.Take(senderCount).All(c => c.Acks >= expectedAcksPerSender);
            if (delivered >= totalExpected && acksDone && sending.IsCompleted)
            {
                break;
            }

            if (delivered != lastSeen)
            {
                (lastSeen, lastProgress) = (delivered, Stopwatch.GetTimestamp());
            }
            else if (Stopwatch.GetElapsedTime(lastProgress) > options.Settle && sending.IsCompleted)
            {
                break;
            }
        }

        var cpuAfter = options.Process.CpuSeconds();
        await sending;
        await receiving.CancelAsync();
        await Task.WhenAll(receivers);

        var lastArrival = clients.Max(c => c.Log.LastArrival);
        var seconds = lastArrival > firstSend ? Stopwatch.GetElapsedTime(firstSend, lastArrival).TotalSeconds : double.NaN;
        var latencies = LatencyLog.MergeSorted(clients.Select(c => c.Log));
        var cpu = cpuAfter - cpuBefore;
        return shape with
        {
            Expected = totalExpected,
            Delivered = delivered,
            Lost = Math.Max(0, totalExpected - delivered),
            AcksMissing = options.Protocol == WireProtocol.Plain ? clients.Take(senderCount).Sum(c => Math.Max(0, expectedAcksPerSender - c.Acks)) : 0,
            OutOfOrder = clients.Sum(c => c.OutOfOrder),
            Disconnected = clients.Count(c => c.Disconnected),
            Seconds = seconds,
            DeliveriesPerSecond = delivered / seconds,
            P50Ms = Percentiles.NearestRank(latencies, 50),
            P99Ms = Percentiles.NearestRank(latencies, 99),
            MaxMs = latencies.Length > 0 ? latencies[^1] : double.NaN,
            ServerCpuSeconds = cpu,
            CpuSecondsPerMillionDeliveries = cpu is { } c && delivered > 0 ? c / delivered * 1_000_000 : null,
        };
    }
}
