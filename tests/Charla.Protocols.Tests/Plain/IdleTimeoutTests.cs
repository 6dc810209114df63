using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests.Plain;

/// <summary>Plain mode's idle timeout on a fake clock: deterministic, no sleeping.</summary>
public sealed class IdleTimeoutTests
{
    [Fact]
    public async Task A_silent_client_is_dropped_after_the_idle_timeout_and_the_lobby_is_told()
    {
        await using var server = InMemoryServer.Start(plain: p => p.IdleTimeoutSeconds = 30);
        var silent = await server.ConnectPlainAsync();
        var talker = await server.ConnectPlainAsync();
        await silent.ExpectAsync($"* {talker.Nick} joined");

        server.Time.Advance(TimeSpan.FromSeconds(20));
        await talker.SendLineAsync("still here");
        await talker.ExpectAsync("(OK)");
        server.Time.Advance(TimeSpan.FromSeconds(10));
        server.SweepLiveness();
        Assert.Empty(await talker.FenceAsync()); // silent for exactly the timeout: not yet
        server.Time.Advance(TimeSpan.FromSeconds(1));
        server.SweepLiveness();

        Assert.Equal($"{talker.Nick}: still here", await silent.ReadLineAsync());
        Assert.Equal(["(ERROR) Disconnected: Ping timeout: 30 seconds."], await silent.ReadToEndAsync());
        await talker.ExpectAsync($"* {silent.Nick} left (Ping timeout: 30 seconds)");
        Assert.Equal(1, server.Engine.SessionCount);
    }

    [Fact]
    public async Task With_no_idle_timeout_a_silent_reader_stays()
    {
        await using var server = InMemoryServer.Start();
        var silent = await server.ConnectPlainAsync();
        var talker = await server.ConnectPlainAsync();

        server.Time.Advance(TimeSpan.FromDays(1));
        server.SweepLiveness();

        Assert.Equal(2, server.Engine.SessionCount);
        await talker.SendLineAsync("anyone?");
        await silent.ExpectAsync($"* {talker.Nick} joined");
        await silent.ExpectAsync($"{talker.Nick}: anyone?");
    }
}
