using System.Text;
using Charla.Integration.Tests.Support;

namespace Charla.Integration.Tests.Irc;

/// <summary>Malformed input gets the numeric or standard reply the documents name; the connection stays up.</summary>
public sealed class BadInputTests
{
    [Fact]
    public async Task A_line_over_512_bytes_gets_417_and_the_connection_stays()
    {
        await using var server = await TestServer.StartAsync();
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
        await using var server = await TestServer.StartAsync();
        var alice = await server.RegisterIrcAsync("alice");

        await alice.SendRawAsync([.. "PRIVMSG alice :"u8, 0xFF, 0xFE, (byte)'\r', (byte)'\n']);
        Assert.Equal(["*", "INVALID_UTF8", "Message rejected, your IRC software MUST use UTF-8 encoding on this network"], (await alice.ExpectAsync("FAIL")).Params);
        await alice.SendRawAsync([.. "PRIVMSG alice :a"u8, 0, (byte)'b', (byte)'\r', (byte)'\n']);
        Assert.Equal("INVALID_MESSAGE", (await alice.ExpectAsync("FAIL"))[1]);
        Assert.Empty(await alice.FenceAsync());
    }

    [Fact]
    public async Task Thousands_of_parameters_and_binary_garbage_do_not_hurt()
    {
        await using var server = await TestServer.StartAsync();
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
    public async Task Excess_commands_are_delayed_not_dropped()
    {
        await using var server = await TestServer.StartAsync(("Limits:Flood:LinesPerSecond", "50"), ("Limits:Flood:Burst", "5"));
        var alice = await server.RegisterIrcAsync("alice");

        await alice.SendAsync(string.Join("\r\n", Enumerable.Range(0, 40).Select(i => $"PING n{i}")));

        var pongs = await alice.ReadUntilAsync(r => r.Command == "PONG" && r.Last == "n39");
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"n{i}"), pongs.Select(r => r.Last));
    }

    [Fact]
    public async Task A_real_flood_is_disconnected_with_excess_flood_and_channels_see_the_quit()
    {
        await using var server = await TestServer.StartAsync(("Limits:Flood:LinesPerSecond", "5"), ("Limits:Flood:Burst", "5"));
        var flooder = await server.RegisterIrcAsync("flooder");
        var watcher = await server.RegisterIrcAsync("watcher");
        await flooder.JoinAsync("#c");
        await watcher.JoinAsync("#c");

        var flood = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("PRIVMSG #c :flood flood flood\r\n", 2000)));
        try
        {
            await flooder.SendRawAsync(flood);
        }
        catch (IOException)
        {
            // The server may close before it has read everything.
        }

        var end = (await flooder.ReadToEndAsync()).Last();
        Assert.Equal("ERROR", end.Command);
        Assert.Equal("Closing Link: 127.0.0.1 (Excess Flood)", end.Last);
        var quit = await watcher.ReadUntilAsync(r => r.Command == "QUIT");
        Assert.Equal("Excess Flood", quit[^1].Last);
    }
}
