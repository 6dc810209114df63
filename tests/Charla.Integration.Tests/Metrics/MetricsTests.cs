using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Charla.Integration.Tests.Support;

namespace Charla.Integration.Tests.Metrics;

/// <summary>/metrics on the HTTP port, scraped after a small load: its counts are the clients' counts.</summary>
public sealed partial class MetricsTests
{
    [Fact]
    public async Task After_a_load_the_scraped_counters_match_what_the_clients_sent_and_received()
    {
        await using var server = await TestServer.StartAsync();
        const int Senders = 4, Messages = 25;
        var clients = new List<Charla.Testing.IrcClient>();
        for (var i = 0; i < Senders; i++)
        {
            var client = await server.RegisterIrcAsync($"load{i}");
            await client.JoinAsync("#load");
            clients.Add(client);
        }

        var plain = await server.ConnectAsync();
        for (var m = 0; m < Messages; m++)
        {
            foreach (var client in clients)
            {
                await client.SendAsync($"PRIVMSG #load :message {m}");
            }
        }

        await plain.SendLineAsync("one line in the lobby, where nobody else is");
        await plain.ExpectAsync("(OK)");

        // Every receiver has every other sender's every line: the server has delivered them all.
        foreach (var client in clients)
        {
            var count = 0;
            await client.ReadUntilAsync(r => r.Command == "PRIVMSG" && ++count == (Senders - 1) * Messages);
        }

        var metrics = await ScrapeAsync(server);

        Assert.Equal(Senders * Messages + 1, metrics["charla_messages_received_total"]);
        Assert.Equal(Senders * Messages * (Senders - 1), metrics["charla_deliveries_total"]);
        Assert.Equal(Senders, metrics["charla_users{protocol=\"IRC\"}"]);
        Assert.Equal(1, metrics["charla_users{protocol=\"plain\"}"]);
        Assert.Equal(2, metrics["charla_channels"]); // #load and the lobby
        Assert.True(metrics["charla_received_bytes_total"] > Senders * Messages * "PRIVMSG #load :message 0\r\n".Length);
        Assert.True(metrics["charla_history_stored_records_total"] >= Senders * Messages + 1);
        Assert.True(metrics["dotnet_total_memory_bytes"] > 0);
    }

    [Fact]
    public async Task Disconnects_are_counted_by_reason_and_readiness_says_ready()
    {
        await using var server = await TestServer.StartAsync();
        var quitter = await server.RegisterIrcAsync("quitter");
        await quitter.SendAsync("QUIT :bye");
        await quitter.ReadToEndAsync(); // the server closes after the user is gone, and counted

        var metrics = await ScrapeAsync(server);

        Assert.Equal(1, metrics["charla_disconnects_total{reason=\"quit\"}"]);
        Assert.Equal(0, metrics["charla_disconnects_total{reason=\"send_queue_exceeded\"}"]);
        using var http = new HttpClient();
        var ready = await http.GetAsync(new Uri($"http://127.0.0.1:{server.HttpEndPoint.Port}/readyz"));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready\n", await ready.Content.ReadAsStringAsync());
    }

    /// <summary>/metrics as name{labels} → value, for the lines that are samples.</summary>
    private static async Task<Dictionary<string, double>> ScrapeAsync(TestServer server)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{server.HttpEndPoint.Port}/metrics"));
        return text.Split('\n')
            .Select(line => Sample().Match(line))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups["name"].Value, m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+(\{[^}]*\})?) (?<value>[-0-9.e+]+)$")]
    private static partial Regex Sample();
}
