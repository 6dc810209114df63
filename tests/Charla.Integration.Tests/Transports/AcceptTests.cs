using System.Diagnostics;
using System.Net;
using Charla.Integration.Tests.Support;

namespace Charla.Integration.Tests.Transports;

/// <summary>
/// Accepting, both ways (Charla's epoll loops accept on Linux by default; .NET's accept with
/// Tcp:Epoll false): a crowd arriving at once is taken whole, and a server out of descriptors
/// keeps the waiting connections and takes them once some close.
/// </summary>
public sealed class AcceptTests
{
    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public async Task A_crowd_connecting_at_once_is_accepted_whole(string epoll)
    {
        const int Clients = 200;
        await using var server = await TestServer.StartAsync(("Tcp:Epoll", epoll));

        var clients = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => server.ConnectAsync()));

        Assert.Equal(Clients, clients.Select(c => c.Nick).Distinct().Count()); // each welcomed, by its own name
        Assert.Equal(Clients, server.Engine.SessionCount);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public async Task Out_of_descriptors_the_server_keeps_the_waiting_connections_and_takes_them_once_some_close(string epoll)
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // the descriptor limit is set with prlimit(1)
        }

        var (process, port) = await TestProcess.StartServerAsync(environment: new Dictionary<string, string> { ["CHARLA__TCP__EPOLL"] = epoll });
        using (process)
        {
            var endpoint = new IPEndPoint(IPAddress.Loopback, port);
            var limit = Directory.GetFiles($"/proc/{process.Id}/fd").Length + 16;
            await RunAsync("prlimit", $"--pid={process.Id}", $"--nofile={limit}:{limit}");
            var welcomed = new List<PlainClient>();
            for (var i = 0; i < 8; i++)
            {
                welcomed.Add(await PlainClient.ConnectAsync(endpoint));
            }

            // Twelve more: the kernel completes every connection, the server has descriptors for
            // about eight of them, and the others wait in the listener's backlog.
            var later = new List<PlainClient>();
            for (var i = 0; i < 12; i++)
            {
                later.Add(await PlainClient.ConnectAsync(endpoint, readWelcome: false));
            }

            await process.WaitForOutputAsync(new("accept failed"));
            foreach (var client in welcomed)
            {
                await client.DisposeAsync();
            }

            foreach (var client in later)
            {
                var welcome = await client.ReadLineAsync(TimeSpan.FromSeconds(10));
                Assert.StartsWith("* Welcome to Charla, ", welcome, StringComparison.Ordinal);
                await client.DisposeAsync();
            }
        }
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        using var run = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true })!;
        var errors = await run.StandardError.ReadToEndAsync();
        await run.WaitForExitAsync();
        Assert.True(run.ExitCode == 0, $"{program} failed: {errors}");
    }
}
