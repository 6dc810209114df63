using System.Net;
using Charla.Integration.Tests.Support;

namespace Charla.Integration.Tests.Hosting;

public sealed class ShutdownTests
{
    [Fact]
    public async Task On_shutdown_every_client_is_told_then_closed_and_nobody_hears_of_others_leaving()
    {
        await using var server = await TestServer.StartAsync();
        var clients = new List<PlainClient>();
        for (var i = 0; i < 5; i++)
        {
            clients.Add(await server.ConnectAsync());
        }

        foreach (var client in clients)
        {
            await client.FenceAsync(); // every join seen before the shutdown starts
        }

        await server.StopAsync();

        foreach (var client in clients)
        {
            Assert.Equal(["* The server is shutting down. Goodbye."], await client.ReadToEndAsync());
        }
    }

    [Theory]
    [InlineData(15)] // SIGTERM
    [InlineData(2)] // SIGINT
    public async Task A_termination_signal_tells_clients_and_exits_0_within_seconds(int signal)
    {
        var (process, port) = await TestProcess.StartServerAsync();
        using (process)
        {
            await using var client = await PlainClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));

            process.Signal(signal);

            Assert.Equal(["* The server is shutting down. Goodbye."], await client.ReadToEndAsync());
            Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(10)));
            Assert.DoesNotContain("Exception", process.Stdout + process.Stderr, StringComparison.Ordinal);
        }
    }
}
