using System.Diagnostics;
using System.Text;
using Charla.Load.Clients;
using Charla.Load.Measure;

namespace Charla.Load.Tests;

public sealed class MeasureTests
{
    [Theory]
    [InlineData(50, 5)]
    [InlineData(90, 9)]
    [InlineData(99, 10)]
    [InlineData(100, 10)]
    [InlineData(1, 1)]
    public void Nearest_rank_percentiles_of_one_to_ten(double percent, double expected)
    {
        double[] values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Assert.Equal(expected, Percentiles.NearestRank(values, percent));
    }

    [Fact]
    public void Percentile_of_nothing_is_not_a_number_and_median_handles_even_counts()
    {
        Assert.True(double.IsNaN(Percentiles.NearestRank([], 50)));
        Assert.Equal(2.5, Percentiles.Median([4, 1, 3, 2]));
        Assert.Equal(3, Percentiles.Median([5, 3, 1]));
    }

    [Theory]
    [InlineData(WireProtocol.Irc, "PRIVMSG #bench :m 7 42 123456789\r\n", ":nick!u@h PRIVMSG #bench :m 7 42 123456789")]
    [InlineData(WireProtocol.Plain, "m 7 42 123456789\n", "Guest3: m 7 42 123456789")]
    public void A_message_formats_and_is_recognised_on_delivery(WireProtocol protocol, string sent, string delivered)
    {
        var buffer = new byte[128];
        var length = LoadMessage.Format(buffer, protocol, "#bench", 7, 42, 123456789);

        Assert.Equal(sent, Encoding.ASCII.GetString(buffer, 0, length));
        Assert.True(LoadMessage.TryParse(Encoding.ASCII.GetBytes(delivered), out var sender, out var sequence, out var timestamp));
        Assert.Equal((7, 42, 123456789L), (sender, sequence, timestamp));
    }

    [Theory]
    [InlineData(":server 001 nick :Welcome 1 2 3")]
    [InlineData("Guest1: hello 1 2 3")]
    [InlineData("(OK)")]
    [InlineData("Guest1: m 1 2 x")]
    public void Other_lines_are_not_mistaken_for_test_messages(string line) =>
        Assert.False(LoadMessage.TryParse(Encoding.ASCII.GetBytes(line), out _, out _, out _));

    [Fact]
    public void The_log_counts_deliveries_and_merges_latencies_in_order()
    {
        var a = new LatencyLog(1);
        var b = new LatencyLog(1);
        var now = Stopwatch.GetTimestamp();
        var ms = Stopwatch.Frequency / 1000;
        a.Add(now - (3 * ms), now);
        a.Add(now - (1 * ms), now);
        b.Add(now - (2 * ms), now + ms);

        var merged = LatencyLog.MergeSorted([a, b]);

        Assert.Equal(2, a.Count);
        Assert.Equal(now + ms, b.LastArrival);
        Assert.Equal([1.0, 3.0, 3.0], merged.Select(m => Math.Round(m)));
    }

    [Fact]
    public void The_summary_gives_medians_ranges_and_the_ratio_to_the_best_peer()
    {
        LoadResult Run(string server, double rate) => new()
        {
            Scenario = "fanout", Server = server, Protocol = "irc", Clients = 200, Senders = 10, Messages = 1000,
            DeliveriesPerSecond = rate, CpuSecondsPerMillionDeliveries = 1, P99Ms = 5,
        };

        var table = Summary.Table([Run("charla", 300_000), Run("charla", 100_000), Run("charla", 200_000), Run("peer1", 100_000), Run("peer2", 160_000), Run("peer2", 80_000)]);

        var row = table.Split('\n').Single(l => l.Contains("deliveries/s", StringComparison.Ordinal));
        Assert.Contains("| 200,000 [100,000-300,000] |", row, StringComparison.Ordinal);
        Assert.Contains("| 120,000 [80,000-160,000] |", row, StringComparison.Ordinal);
        Assert.EndsWith("| 1.67x |", row.TrimEnd(), StringComparison.Ordinal); // 200 / max(100, 120)
    }
}
