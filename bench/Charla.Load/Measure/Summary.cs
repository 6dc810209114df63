using System.Globalization;
using System.Text;

namespace Charla.Load.Measure;

/// <summary>
/// Side-by-side table from many runs' JSON lines: per scenario and metric, each server's median
/// and range, and Charla's median as a ratio to the best peer's (the machine is shared and noisy:
/// ratios from one session are what to quote).
/// </summary>
public static class Summary
{
    public const string Charla = "charla";

    private sealed record Metric(string Name, Func<LoadResult, double?> Read, bool HigherIsBetter);

    private static readonly Dictionary<string, Metric[]> MetricsByScenario = new()
    {
        ["fanout"] =
        [
            new("deliveries/s", r => r.DeliveriesPerSecond, true),
            new("server CPU s per 1M deliveries", r => r.CpuSecondsPerMillionDeliveries, false),
            new("p99 ms", r => r.P99Ms, false),
            new("lost", r => r.Lost + r.AcksMissing, false),
        ],
        ["fanout-rate"] =
        [
            new("p50 ms", r => r.P50Ms, false),
            new("p99 ms", r => r.P99Ms, false),
            new("lost", r => r.Lost + r.AcksMissing, false),
        ],
        ["channels"] =
        [
            new("deliveries/s", r => r.DeliveriesPerSecond, true),
            new("server CPU s per 1M deliveries", r => r.CpuSecondsPerMillionDeliveries, false),
            new("p99 ms", r => r.P99Ms, false),
            new("lost", r => r.Lost, false),
        ],
        ["idle"] =
        [
            new("KiB per connection", r => r.KiBPerConnection, false),
            new("connections/s", r => r.ConnectionsPerSecond, true),
            new("disconnected", r => r.Disconnected, false),
        ],
        ["churn"] =
        [
            new("sessions/s", r => r.SessionsPerSecond, true),
            new("failed", r => r.Disconnected, false),
        ],
        ["ingest"] =
        [
            new("acknowledged messages/s", r => r.DeliveriesPerSecond, true),
            new("p50 ms to acknowledgement", r => r.P50Ms, false),
            new("p99 ms to acknowledgement", r => r.P99Ms, false),
            new("server CPU s per 1M messages", r => r.CpuSecondsPerMillionDeliveries, false),
            new("failed", r => r.Disconnected, false),
        ],
    };

    /// <summary>A markdown table: scenario, metric, each server's median [min-max], and Charla / best peer.</summary>
    public static string Table(IEnumerable<LoadResult> results)
    {
        var all = results.ToList();
        var servers = all.Select(r => r.Server).Distinct().OrderBy(s => s == Charla ? "" : s, StringComparer.Ordinal).ToList();
        var table = new StringBuilder();
        table.AppendLine($"| scenario | metric | {string.Join(" | ", servers)} | charla / best peer |");
        table.AppendLine($"|---|---|{string.Concat(servers.Select(_ => "---|"))}---|");
        foreach (var group in all.GroupBy(r => Key(r)))
        {
            var scenario = group.First().Scenario;
            foreach (var metric in MetricsByScenario.GetValueOrDefault(scenario, []))
            {
                var medians = servers.ToDictionary(s => s, s => Values(group, s, metric));
                var cells = servers.Select(s => Cell(medians[s]));
                var peers = medians.Where(m => m.Key != Charla && m.Value.Count > 0).Select(m => Percentiles.Median(m.Value)).ToList();
                var best = peers.Count > 0 ? (metric.HigherIsBetter ? peers.Max() : peers.Min()) : 0;
                var ratio = medians[Charla].Count > 0 && best != 0
                    ? Format(Percentiles.Median(medians[Charla]) / best) + "x"
                    : "-";
                table.AppendLine($"| {group.Key} | {metric.Name} ({(metric.HigherIsBetter ? "higher" : "lower")} is better) | {string.Join(" | ", cells)} | {ratio} |");
            }
        }

        return table.ToString();
    }

    private static string Key(LoadResult r) => r.Scenario switch
    {
        "fanout" or "fanout-rate" => $"{r.Scenario} {r.Clients}c {r.Senders}x{r.Messages}" + (r.Rate > 0 ? $" @{r.Rate}/s" : string.Empty),
        "channels" => $"channels {r.Clients}c/{r.Channels}ch {r.Messages}" + (r.Rate > 0 ? $"@{r.Rate}/s" : " unbounded"),
        "idle" => $"idle {r.Clients}",
        "ingest" => $"ingest {r.Clients}c/{r.Channels}ch {r.Senders} senders",
        _ => $"{r.Scenario} {r.Clients}",
    };

    private static List<double> Values(IEnumerable<LoadResult> runs, string server, Metric metric) =>
        runs.Where(r => r.Server == server).Select(metric.Read).OfType<double>().Where(v => !double.IsNaN(v)).ToList();

    private static string Cell(List<double> values) => values.Count == 0
        ? "-"
        : $"{Format(Percentiles.Median(values))} [{Format(values.Min())}-{Format(values.Max())}]";

    private static string Format(double value) => value switch
    {
        >= 1000 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("F1", CultureInfo.InvariantCulture),
        _ => value.ToString("G3", CultureInfo.InvariantCulture),
    };
}
