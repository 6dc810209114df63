using Charla.Integration.Tests.Support;

namespace Charla.Integration.Tests.Plain;

/// <summary>The server watches its clients: those that close, crash or go silent are dropped and announced.</summary>
public sealed class DisconnectTests
{
    [Fact]
    public async Task A_client_that_closes_its_connection_is_announced_as_left()
    {
        await using var server = await TestServer.StartAsync();
        var (a, b) = await server.ConnectPairAsync();

        b.Close();

        await a.ExpectAsync($"* {b.Nick} left (Connection closed)");
        await a.SendLineAsync("/who");
        await a.ExpectAsync($"* In the lobby (1): {a.Nick}");
    }

    [Fact]
    public async Task An_abrupt_disconnect_is_noticed_and_announced()
    {
        await using var server = await TestServer.StartAsync();
        var (a, b) = await server.ConnectPairAsync();

        b.Reset();

        var left = await a.ReadLineAsync();
        Assert.Matches($@"^\* {b.Nick} left \((Connection reset by peer|Connection closed)\)$", left);
        Assert.Equal(1, server.Engine.SessionCount);
    }
}
