using System.Net;
using Charla.Integration.Tests.Support;
using Charla.Storage.History;
using Charla.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Charla.Integration.Tests.History;

/// <summary>
/// What the server acknowledged survives it: a real <c>charla serve</c> under steady load from
/// several plain-mode clients is killed with SIGKILL at a moment of the test's choosing, and
/// every acknowledged message is then in the store, once, in its sender's order; a server
/// stopped and started again on the same data directory shows its newcomers the conversation.
/// </summary>
public sealed class DurabilityTests : IDisposable
{
    private const int Senders = 4;
    private const int AcknowledgedBeforeKill = 600;
    private readonly string _dataDirectory = TestProcess.NewDataDirectory();

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [LinuxFact("sends SIGKILL")]
    public async Task Every_message_acknowledged_before_a_kill_9_is_stored_once_in_order()
    {
        var environment = new Dictionary<string, string> { ["CHARLA__Limits__Flood__LinesPerSecond"] = "0", ["CHARLA__Plain__ReplayLines"] = "0" };
        var (process, port) = await TestProcess.StartServerAsync(["--data-dir", _dataDirectory], environment);
        var acknowledged = new List<string>[Senders];
        using (process)
        {
            var clients = new PlainClient[Senders];
            for (var s = 0; s < Senders; s++)
            {
                clients[s] = await PlainClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
                acknowledged[s] = [];
            }

            // Each sender pipelines its lines and counts its (OK)s, which come in its own order.
            var total = 0;
            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var senders = Enumerable.Range(0, Senders).Select(s => Task.Run(async () =>
            {
                var client = clients[s];
                var sending = Task.Run(async () =>
                {
                    try
                    {
                        for (var i = 0; i < 100_000; i++)
                        {
                            await client.SendLineAsync($"sender {s} line {i}");
                        }
                    }
                    catch (IOException)
                    {
                        // the server is gone
                    }
                });
                var next = 0;
                while (await ReadOrNullAsync(client) is { } line)
                {
                    if (line == "(OK)")
                    {
                        acknowledged[s].Add($"sender {s} line {next++}");
                        if (Interlocked.Increment(ref total) == AcknowledgedBeforeKill)
                        {
                            enough.TrySetResult();
                        }
                    }
                }

                await sending;
            })).ToArray();

            await enough.Task.WaitAsync(TimeSpan.FromSeconds(60));
            process.Signal(9); // SIGKILL: no shutdown, no flush
            await Task.WhenAll(senders).WaitAsync(TimeSpan.FromSeconds(60));
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }

            Assert.NotNull(await process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }

        using var store = SqliteStore.Open(new SqliteStoreOptions { DataDirectory = _dataDirectory }, NullLogger.Instance);
        var stored = (await store.ReadAsync(new HistoryQuery(ConversationKeys.Lasting("#lobby"), HistoryDirection.Latest, null, 1_000_000))).Select(r => r.Text).ToList();
        Assert.Equal(stored.Count, stored.Distinct().Count()); // none twice
        for (var s = 0; s < Senders; s++)
        {
            var prefix = $"sender {s} ";
            var mine = stored.Where(t => t.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            Assert.True(acknowledged[s].Count <= mine.Count, $"sender {s}: {acknowledged[s].Count} acknowledged, {mine.Count} stored");
            Assert.Equal(acknowledged[s], mine[..acknowledged[s].Count]); // every acknowledged one, in order
        }

        Assert.True(acknowledged.Sum(a => a.Count) >= AcknowledgedBeforeKill);
    }

    [Fact]
    public async Task A_restarted_server_shows_a_newcomer_what_was_said_before_it_stopped()
    {
        await using (var before = await TestServer.StartAsync(("Storage:DataDirectory", _dataDirectory)))
        {
            var ra = await before.ConnectAsync();
            await ra.SendLineAsync("said before the restart");
            await ra.ExpectAsync("(OK)");
        }

        await using var after = await TestServer.StartAsync(("Storage:DataDirectory", _dataDirectory));
        var bo = await after.ConnectAsync();
        var replay = await bo.ReadUntilAsync(l => l == "* End of history.");
        Assert.Equal("* Earlier in the lobby (1 line):", replay[0]);
        Assert.EndsWith(": said before the restart", replay[1], StringComparison.Ordinal);
    }

    private static async Task<string?> ReadOrNullAsync(PlainClient client)
    {
        try
        {
            return await client.ReadLineAsync(TimeSpan.FromSeconds(60));
        }
        catch (Exception ex) when (ex is IOException or MalformedLineException)
        {
            return null; // the server was killed, perhaps inside a line
        }
    }
}
