using System.Text;
using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests.Irc;

/// <summary>Malformed input gets the numeric or standard reply the documents name; the connection stays up.</summary>
public sealed class BadInputTests
{
    [Fact]
    public async Task A_line_over_512_bytes_gets_417_and_the_connection_stays()
    {
        await using var server = InMemoryServer.Start();
        var alice = await server.RegisterIrcAsync("alice");

        await alice.SendAsync("PRIVMSG alice :" + new string('x', 600));
        Assert.Equal(["alice", "Input line was too long"], (await alice.ExpectAsync("417")).Params);

        // Tags do not count against the 512 bytes (up to 8191 more are allowed).
        await alice.SendAsync("@+example=" + new string('t', 4000) + " PING stillhere");
        Assert.Equal("stillhere", (await alice.ExpectAsync("PONG")).Last);

        await alice.SendRawAsync(Encoding.ASCII.GetBytes(new string('y', 20_000) + "\r\n"));
        await alice.ExpectAsync("417");
        Assert.Empty(await alice.FenceAsync());
    }

    [Fact]
    public async Task Invalid_utf8_and_nul_bytes_get_fail_replies()
    {
        await using var server = InMemoryServer.Start();
        var alice = await server.RegisterIrcAsync("alice");

        await alice.SendRawAsync([.. "PRIVMSG alice :"u8, 0xFF, 0xFE, (byte)'\r', (byte)'\n']);
        Assert.Equal(["PRIVMSG", "INVALID_UTF8", "Message rejected, your IRC software MUST use UTF-8 encoding on this network"], (await alice.ExpectAsync("FAIL")).Params);
        await alice.SendRawAsync([.. "PRIVMSG alice :a"u8, 0, (byte)'b', (byte)'\r', (byte)'\n']);
        Assert.Equal("INVALID_MESSAGE", (await alice.ExpectAsync("FAIL"))[1]);
        Assert.Empty(await alice.FenceAsync());
    }

    [Fact]
    public async Task Thousands_of_parameters_and_binary_garbage_do_not_hurt()
    {
        await using var server = InMemoryServer.Start();
        var alice = await server.RegisterIrcAsync("alice");

        await alice.SendAsync("USERHOST " + string.Join(' ', Enumerable.Repeat("a", 240)));
        Assert.Equal("302", (await alice.ExpectAsync("302")).Command);

        var random = new Random(7);
        // Under Irc:RecvQueueBytes (8 KiB): more, arriving at once, is a real flood (A_real_flood_is_disconnected...).
        var garbage = new byte[6 * 1024];
        random.NextBytes(garbage);
        await alice.SendRawAsync(garbage);
        await alice.SendAsync(string.Empty);
        var replies = await alice.FenceAsync();
        Assert.All(replies, r => Assert.Contains(r.Command, new[] { "FAIL", "417", "421" }));
        Assert.Equal(1, server.Engine.SessionCount);
    }

    [Fact]
    public async Task Excess_commands_are_delayed_until_the_clock_allows_them_never_dropped()
    {
        await using var server = InMemoryServer.Start(limits: l => l.Flood = new FloodOptions { LinesPerSecond = 1, Burst = 5 });
        var alice = await server.RegisterIrcAsync("alice"); // NICK and USER take 2 of the burst

        await alice.SendAsync(string.Join("\r\n", Enumerable.Range(0, 10).Select(i => $"PING n{i}")));

        var pongs = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            pongs.Add((await alice.ExpectAsync("PONG")).Last);
        }

        for (var i = 3; i < 10; i++)
        {
            await server.Time.WaitForTimerAsync(); // the next line waits for a token
            server.Time.Advance(TimeSpan.FromSeconds(1));
            pongs.Add((await alice.ExpectAsync("PONG")).Last);
        }

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"n{i}"), pongs);
    }

    [Fact]
    public async Task A_real_flood_is_disconnected_with_excess_flood_and_channels_see_the_quit()
    {
        await using var server = InMemoryServer.Start(limits: l => l.Flood = new FloodOptions { LinesPerSecond = 5, Burst = 5 });
        var (watcher, flooder) = await server.IrcPairInChannelAsync("#c", "watcher", "flooder");

        // More than Irc:RecvQueueBytes (8 KiB) waiting while the first delayed line waits: a flood.
        await flooder.SendRawAsync(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("PRIVMSG #c :flood flood flood\r\n", 2000))));
        await server.Time.WaitForTimerAsync();
        server.Time.Advance(TimeSpan.FromSeconds(1));

        var end = (await flooder.ReadToEndAsync()).Last();
        Assert.Equal("ERROR", end.Command);
        Assert.Equal("Closing Link: 127.0.0.1 (Excess Flood)", end.Last);
        var quit = await watcher.ReadUntilAsync(r => r.Command == "QUIT");
        Assert.Equal("Excess Flood", quit[^1].Last);
    }
}
