using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests.History;

/// <summary>History:AutoReplayLines: the last lines of a channel for an IRC client that joins it without draft/chathistory.</summary>
public sealed class JoinReplayTests : IDisposable
{
    private readonly StoredHistory _history = new();

    public void Dispose() => _history.Dispose();

    /// <summary>bar says five lines in #c; returns the server and bar.</summary>
    private async Task<(InMemoryServer Server, IrcClient Bar)> FiveLinesAsync(int autoReplayLines)
    {
        var server = InMemoryServer.Start(history: _history.Store, autoReplayLines: autoReplayLines);
        var bar = await server.RegisterIrcAsync("bar", "echo-message");
        await bar.JoinAsync("#c");
        for (var i = 0; i < 5; i++)
        {
            await bar.SendAsync($"PRIVMSG #c :line {i}");
            await bar.ExpectAsync("PRIVMSG");
        }

        return (server, bar);
    }

    [Fact]
    public async Task A_joiner_with_batch_gets_the_last_lines_in_a_chathistory_batch_before_what_is_said_next()
    {
        var (server, bar) = await FiveLinesAsync(autoReplayLines: 3);
        await using var _ = server;
        var joiner = await server.RegisterIrcAsync("joiner", "batch", "server-time");

        await joiner.JoinAsync("#c");
        await bar.SendAsync("PRIVMSG #c :said now");

        var start = await joiner.ExpectAsync("BATCH");
        Assert.Equal(["chathistory", "#c"], start.Params.Skip(1));
        var replayed = await joiner.ReadUntilAsync(r => r.Command == "BATCH");
        Assert.Equal(["line 2", "line 3", "line 4"], replayed[..^1].Select(r => r.Last));
        Assert.All(replayed[..^1], r => Assert.NotNull(r.Tag("time")));
        Assert.Equal("said now", (await joiner.ExpectAsync("PRIVMSG")).Last);
    }

    [Fact]
    public async Task A_joiner_without_batch_gets_the_lines_alone_and_one_with_chathistory_gets_none()
    {
        var (server, _) = await FiveLinesAsync(autoReplayLines: 2);
        await using var __ = server;
        var plainIrc = await server.RegisterIrcAsync("old");
        var modern = await server.RegisterIrcAsync("modern", "batch", "draft/chathistory");

        await plainIrc.JoinAsync("#c");
        Assert.Equal(["PRIVMSG line 3", "PRIVMSG line 4"], (await plainIrc.FenceAsync()).Select(r => $"{r.Command} {r.Last}"));

        await modern.JoinAsync("#c");
        Assert.Empty(await modern.FenceAsync());
    }

    [Fact]
    public async Task By_default_nothing_is_replayed()
    {
        var (server, _) = await FiveLinesAsync(autoReplayLines: 0);
        await using var __ = server;
        var joiner = await server.RegisterIrcAsync("joiner", "batch");

        await joiner.JoinAsync("#c");

        Assert.Empty(await joiner.FenceAsync());
    }
}
