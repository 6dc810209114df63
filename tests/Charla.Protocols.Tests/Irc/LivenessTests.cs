using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests.Irc;

/// <summary>PING and PONG both ways; a client that stops answering is dropped and its channels see the QUIT.</summary>
public sealed class LivenessTests
{
    [Fact]
    public async Task The_server_pings_a_client_silent_for_the_interval_and_a_pong_keeps_it()
    {
        await using var server = InMemoryServer.Start(irc => (irc.PingIntervalSeconds, irc.PingTimeoutSeconds) = (90, 60));
        var alice = await server.RegisterIrcAsync("alice");

        server.Time.Advance(TimeSpan.FromSeconds(90));
        server.SweepLiveness();
        await alice.SendAsync("PING not-yet"); // silent for exactly the interval: no PING yet
        await alice.ExpectAsync("PONG");
        server.Time.Advance(TimeSpan.FromSeconds(91));
        server.SweepLiveness();

        var ping = await alice.ExpectAsync("PING");
        Assert.Equal(["charla.local"], ping.Params);
        await alice.SendAsync("PONG :charla.local");
        await alice.FenceAsync();
        server.Time.Advance(TimeSpan.FromSeconds(60));
        server.SweepLiveness();

        Assert.Empty(await alice.FenceAsync()); // answered: neither dropped nor pinged again yet
        Assert.Equal(1, server.Engine.SessionCount);
    }

    [Fact]
    public async Task A_client_that_does_not_answer_is_dropped_with_ping_timeout()
    {
        await using var server = InMemoryServer.Start(irc => (irc.PingIntervalSeconds, irc.PingTimeoutSeconds) = (90, 60));
        var (silent, watcher) = await server.IrcPairInChannelAsync("#c", "silent", "watcher");
        server.Time.Advance(TimeSpan.FromSeconds(91));
        server.SweepLiveness();
        await silent.ExpectAsync("PING");
        await watcher.ExpectAsync("PING");
        await watcher.SendAsync("PONG :charla.local");
        await watcher.FenceAsync();

        server.Time.Advance(TimeSpan.FromSeconds(60));
        server.SweepLiveness();
        Assert.Empty(await watcher.FenceAsync()); // the timeout is not over yet: no QUIT
        server.Time.Advance(TimeSpan.FromSeconds(1));
        server.SweepLiveness();

        var quit = await watcher.ExpectAsync("QUIT");
        Assert.Equal("silent!~silent@127.0.0.1", quit.Source);
        Assert.Equal("Ping timeout: 150 seconds", quit.Last);
        var end = (await silent.ReadToEndAsync()).Last();
        Assert.Equal("Closing Link: 127.0.0.1 (Ping timeout: 150 seconds)", end.Last);
    }

    [Fact]
    public async Task Quit_sends_error_then_closes_and_the_channel_sees_the_reason()
    {
        await using var server = InMemoryServer.Start();
        var (alice, bob) = await server.IrcPairInChannelAsync("#c", "alice", "bob");

        await bob.SendAsync("QUIT :gotta go");

        Assert.Equal(["Closing Link: 127.0.0.1 (Quit: gotta go)"], (await bob.ReadToEndAsync()).Select(r => r.Last));
        var quit = await alice.ExpectAsync("QUIT");
        Assert.Equal("bob!~bob@127.0.0.1", quit.Source);
        Assert.Equal(["gotta go"], quit.Params);
    }

    [Fact]
    public async Task A_client_that_stops_reading_is_dropped_with_sendq_exceeded_and_the_channel_sees_it()
    {
        // Batches a reading client's 16 KiB SendQ absorbs; the stalled client's only grows.
        await using var server = InMemoryServer.Start(limits: l => l.SendQueueBytes = 16384);
        var stalled = await server.ConnectIrcAsync();
        await stalled.RegisterAsync("stalled");
        await stalled.JoinAsync("#c");
        var (talker, listener) = await server.IrcPairInChannelAsync("#c", "talker", "listener");
        var text = new string('z', 300);
        var quit = (IrcReply?)null;
        for (var sent = 0; quit is null && sent < 60_000; sent += 20)
        {
            await talker.SendAsync(string.Join("\r\n", Enumerable.Range(0, 20).Select(i => $"PRIVMSG #c :{sent + i} {text}")));
            var heard = await listener.ReadUntilAsync(r => r.Command == "PRIVMSG" && r.Last.StartsWith($"{sent + 19} ", StringComparison.Ordinal));
            quit = heard.FirstOrDefault(r => r.Command == "QUIT");
        }

        Assert.NotNull(quit);
        Assert.Equal("stalled!~stalled@127.0.0.1", quit.Source);
        Assert.Equal(["SendQ exceeded"], quit.Params);
    }
}
