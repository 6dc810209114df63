using Charla.Integration.Tests.Support;

namespace Charla.Integration.Tests.Transports;

/// <summary>
/// A connection waits for its client's input two ways: Charla's epoll loops (Linux, the
/// default) or .NET's zero-byte receive (Tcp:Epoll false, and other systems). Both must wake
/// for every arrival, a partial line, an end of input and a server that is closing.
/// </summary>
public sealed class InputWaitTests
{
    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public async Task A_line_sent_in_pieces_is_relayed_whole(string epoll)
    {
        await using var server = await TestServer.StartAsync(("Tcp:Epoll", epoll));
        var (sender, reader) = await server.ConnectPairAsync();

        foreach (var piece in new[] { "hel", "lo wo", "rld\n" })
        {
            await sender.SendAsync(piece);
            await Task.Delay(50); // each piece its own arrival: the reader waits between them
        }

        await sender.ExpectAsync("(OK)");
        await reader.ExpectAsync($"{sender.Nick}: hello world");
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public async Task Lines_and_the_end_of_input_arriving_together_are_all_handled(string epoll)
    {
        await using var server = await TestServer.StartAsync(("Tcp:Epoll", epoll), ("Plain:ReplayLines", "0")); // each newcomer's replies only
        var (sender, reader) = await server.ConnectPairAsync();

        // One arrival, then the end: one readiness event can carry both, and the end is not
        // received with the data (the epoll path must not take a short receive for "nothing more").
        for (var i = 0; i < 20; i++)
        {
            await using var client = await server.ConnectAsync();
            await reader.ExpectAsync($"* {client.Nick} joined");
            await client.SendAsync("one\ntwo\n");
            client.EndOutput();
            Assert.Equal(["(OK)", "(OK)"], await client.ReadToEndAsync());
            Assert.Equal(
                [$"{client.Nick}: one", $"{client.Nick}: two", $"* {client.Nick} left (Connection closed)"],
                await reader.ReadUntilAsync(l => l.Contains(" left (", StringComparison.Ordinal)));
        }

        await sender.SendLineAsync("still here");
        Assert.Equal("(OK)", (await sender.ReadUntilAsync(l => l == "(OK)" || l.StartsWith("(ERROR)", StringComparison.Ordinal)))[^1]);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public async Task Hundreds_of_waiting_clients_are_each_woken_by_their_own_line(string epoll)
    {
        const int Clients = 300; // past the epoll loops' first slot tables
        await using var server = await TestServer.StartAsync(("Tcp:Epoll", epoll));
        var listener = await server.ConnectAsync();
        var clients = new List<PlainClient>();
        for (var i = 0; i < Clients; i++)
        {
            clients.Add(await server.ConnectAsync());
        }

        await listener.ReadUntilAsync(l => l.Contains(clients[^1].Nick, StringComparison.Ordinal));
        foreach (var client in clients)
        {
            await client.SendLineAsync($"from {client.Nick}");
        }

        // Lines from different connections may be relayed in any order: wait for all of them.
        var expected = clients.Select(c => $"{c.Nick}: from {c.Nick}").ToHashSet();
        await listener.ReadUntilAsync(l => expected.Remove(l) && expected.Count == 0);
        Assert.Empty(expected);
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public async Task A_client_that_goes_away_and_a_server_that_stops_wake_the_waiting_reads(string epoll)
    {
        var server = await TestServer.StartAsync(("Tcp:Epoll", epoll));
        var (leaving, staying) = await server.ConnectPairAsync();

        leaving.Close();
        await staying.ReadUntilAsync(l => l.StartsWith($"* {leaving.Nick} left", StringComparison.Ordinal));
        Assert.Equal(1, server.Engine.SessionCount);

        var stopping = server.StopAsync();
        var last = await staying.ReadToEndAsync();
        Assert.Contains(last, l => l.Contains("shutting down", StringComparison.OrdinalIgnoreCase));
        await stopping.WaitAsync(TimeSpan.FromSeconds(15));
        await server.DisposeAsync();
    }
}
