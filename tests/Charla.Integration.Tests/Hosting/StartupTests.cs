using System.Net;
using System.Net.Sockets;
using Charla.Integration.Tests.Support;

namespace Charla.Integration.Tests.Hosting;

/// <summary>Starting up: one line per listener and one for history, and one clear line (no stack trace) when it cannot.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task A_ready_server_logs_one_line_per_listener_and_one_for_history_and_answers_healthz()
    {
        var dataDirectory = TestProcess.NewDataDirectory();
        var (process, _) = await TestProcess.StartServerAsync(["--data-dir", dataDirectory]);
        using (process)
        {
            var http = await process.WaitForOutputAsync(new(@"HTTP listening on http://127\.0\.0\.1:(?<port>\d+)"));
            await process.WaitForOutputAsync(new("History kept in .*charla\\.db \\(new\\)"));

            using var client = new HttpClient();
            var response = await client.GetAsync(new Uri($"http://127.0.0.1:{http.Groups["port"].Value}/healthz"));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("ok\n", await response.Content.ReadAsStringAsync());
            var lines = process.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(4, lines.Length);
            Assert.Contains(lines, l => l.Contains("IRC listening on 127.0.0.1:", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains($"History kept in {Path.Combine(dataDirectory, "charla.db")} (new)", StringComparison.Ordinal));
        }

        Directory.Delete(dataDirectory, recursive: true);
    }

    [Fact]
    public async Task Healthz_answers_HEAD_with_the_status_and_no_body()
    {
        var (process, _) = await TestProcess.StartServerAsync();
        using (process)
        {
            var http = await process.WaitForOutputAsync(new(@"HTTP listening on http://127\.0\.0\.1:(?<port>\d+)"));
            using var client = new HttpClient();
            using var head = new HttpRequestMessage(HttpMethod.Head, new Uri($"http://127.0.0.1:{http.Groups["port"].Value}/healthz"));
            var response = await client.SendAsync(head);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task The_version_IRC_clients_are_told_is_the_one_charla_version_prints()
    {
        using var process = TestProcess.Start(["--version"]);

        Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal($"charla-{process.Stdout.Trim()}", Charla.Protocols.Irc.IrcServerInfo.Version);
        Assert.StartsWith("charla-0.9.0+", Charla.Protocols.Irc.IrcServerInfo.Version, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hash_password_prints_a_hash_the_server_accepts_for_an_operator()
    {
        using var hashing = TestProcess.Start(["hash-password", "--iterations", "1000"]);
        await hashing.StandardInput.WriteLineAsync("s3cret");
        hashing.StandardInput.Close();
        Assert.Equal(0, await hashing.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var hash = hashing.Stdout.Trim();
        Assert.True(Charla.Core.Security.PasswordHash.Verify("s3cret", hash));

        var (server, _) = await TestProcess.StartServerAsync(environment: new Dictionary<string, string>
        {
            ["CHARLA__Irc__Operators__0__Name"] = "root",
            ["CHARLA__Irc__Operators__0__PasswordHash"] = hash,
        });
        using (server)
        {
            var irc = await server.WaitForOutputAsync(new(@"IRC listening on 127\.0\.0\.1:(?<port>\d+)"));
            await using var client = await IrcClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, int.Parse(irc.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture)));
            await client.RegisterAsync("admin");
            await client.SendAsync("OPER root s3cret");
            Assert.Equal("381", (await client.ReadUntilAsync(r => r.Command is "381" or "464"))[^1].Command);
        }
    }

    [Fact]
    public async Task With_the_json_format_every_log_line_is_one_JSON_object_and_connections_are_logged_with_address_and_port()
    {
        using var process = TestProcess.Start(
            ["serve", "--bind", "127.0.0.1", "--plain-port", "0", "--irc-port", "0", "--http-port", "0"],
            new Dictionary<string, string> { ["CHARLA__Logging__Console__FormatterName"] = "json" });
        var ready = await process.WaitForOutputAsync(new(@"Plain mode listening on 127\.0\.0\.1:(?<port>\d+)"));
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, int.Parse(ready.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture));
        var clientPort = ((IPEndPoint)client.Client.LocalEndPoint!).Port;

        await process.WaitForOutputAsync(new($"Connection \\(Plain\\) from 127\\.0\\.0\\.1 port {clientPort}\""));

        foreach (var line in process.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = System.Text.Json.JsonDocument.Parse(line);
            Assert.True(json.RootElement.TryGetProperty("Message", out _), line);
            Assert.True(json.RootElement.TryGetProperty("Category", out _), line);
        }

        Assert.Contains("\"Category\":\"Charla.Events\"", process.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_gives_one_clear_error_line_and_a_nonzero_exit()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        using var process = TestProcess.Start(["serve", "--bind", "127.0.0.1", "--plain-port", $"{port}", "--irc-port", "0", "--http-port", "0"]);

        Assert.Equal(1, await process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal($"charla: cannot listen on 127.0.0.1:{port} (plain mode, --plain-port): address already in use\n", process.Stderr);
        Assert.DoesNotContain(" at ", process.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_config_file_or_a_bad_value_gives_one_clear_error_line()
    {
        using (var missing = TestProcess.Start(["serve", "--config", "/nonexistent/charla.json"]))
        {
            Assert.Equal(2, await missing.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal("charla: config file not found: /nonexistent/charla.json\n", missing.Stderr);
        }

        using (var misspelled = TestProcess.Start(["serve"], new Dictionary<string, string> { ["CHARLA__Plain__Prot"] = "5557" }))
        {
            Assert.Equal(2, await misspelled.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal("charla: invalid configuration: Plain:Prot: unknown key (did you mean Plain:Port?).\n", misspelled.Stderr);
        }

        using var invalid = TestProcess.Start(["serve", "--plain-port", "70000"]);
        Assert.Equal(2, await invalid.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.StartsWith("charla: invalid configuration: Plain:Port: 70000 is not a TCP port", invalid.Stderr);
    }

    [Fact]
    public async Task A_data_directory_in_use_or_not_a_database_gives_one_clear_error_line_and_exit_1()
    {
        var dataDirectory = TestProcess.NewDataDirectory();
        try
        {
            var (first, _) = await TestProcess.StartServerAsync(["--data-dir", dataDirectory]);
            using (first)
            {
                using var second = TestProcess.Start(["serve", "--bind", "127.0.0.1", "--plain-port", "0", "--irc-port", "0", "--http-port", "0", "--data-dir", dataDirectory]);
                Assert.Equal(1, await second.WaitForExitAsync(TimeSpan.FromSeconds(30)));
                Assert.Equal($"charla: the data directory {dataDirectory} is in use by another Charla server ({Path.Combine(dataDirectory, "charla.lock")} is locked)\n", second.Stderr);
            }

            var broken = Path.Combine(dataDirectory, "broken");
            Directory.CreateDirectory(broken);
            await File.WriteAllTextAsync(Path.Combine(broken, "charla.db"), "not a database, but long enough to have been read as a header by SQLite...........");
            using var third = TestProcess.Start(["serve", "--bind", "127.0.0.1", "--plain-port", "0", "--irc-port", "0", "--http-port", "0", "--data-dir", broken]);
            Assert.Equal(1, await third.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal($"charla: cannot open {Path.Combine(broken, "charla.db")}: it is not a Charla database, or it is damaged (SQLITE_NOTADB)\n", third.Stderr);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
