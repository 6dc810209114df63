using System.Globalization;

namespace Charla.Load.Measure;

/// <summary>Prints a run for people (a few lines) and for machines (one JSON line, last).</summary>
public static class Report
{
    public static void Print(LoadResult r)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"{r.Scenario} on {r.Server} ({r.Protocol}): {r.Clients} clients, {r.Senders} senders x {r.Messages} messages{(r.Rate > 0 ? $" at {r.Rate}/s" : string.Empty)}, {r.Channels} channel(s)"));
        if (r.Expected > 0)
        {
            Console.WriteLine(string.Create(c, $"  delivered {r.Delivered:N0} of {r.Expected:N0} (lost {r.Lost}, acks missing {r.AcksMissing}, out of order {r.OutOfOrder}, disconnected {r.Disconnected}) in {r.Seconds:F2} s"));
            Console.WriteLine(string.Create(c, $"  {r.DeliveriesPerSecond:N0} deliveries/s; latency p50 {r.P50Ms:F2} ms, p99 {r.P99Ms:F2} ms, max {r.MaxMs:F2} ms"));
            if (r.ServerCpuSeconds is { } cpu)
            {
                Console.WriteLine(string.Create(c, $"  server CPU {cpu:F2} s = {r.CpuSecondsPerMillionDeliveries:F2} s per million deliveries"));
            }
        }

        if (r.KiBPerConnection is { } kib)
        {
            Console.WriteLine(string.Create(c, $"  server RSS {r.ServerKiBBefore:N0} -> {r.ServerKiBAfter:N0} KiB: {kib:F1} KiB per connection; {r.ConnectionsPerSecond:N0} connections/s; disconnected {r.Disconnected}"));
        }

        if (r.Scenario == "ingest")
        {
            Console.WriteLine(string.Create(c, $"  {r.Delivered:N0} messages acknowledged in {r.Seconds:F1} s = {r.DeliveriesPerSecond:N0}/s; to acknowledgement p50 {r.P50Ms:F3} ms, p99 {r.P99Ms:F3} ms, max {r.MaxMs:F2} ms; failed {r.Disconnected}"));
            if (r.ServerCpuSeconds is { } cpu)
            {
                Console.WriteLine(string.Create(c, $"  server CPU {cpu:F2} s = {r.CpuSecondsPerMillionDeliveries:F2} s per million messages"));
            }
        }

        if (r.Scenario == "churn")
        {
            Console.WriteLine(string.Create(c, $"  {r.Sessions:N0} sessions in {r.Seconds:F1} s = {r.SessionsPerSecond:N0} sessions/s; failed {r.Disconnected}"));
        }

        Console.WriteLine(r.ToJson());
    }
}
