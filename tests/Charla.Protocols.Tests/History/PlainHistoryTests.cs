using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests.History;

/// <summary>Plain mode's history: the lobby's last lines on connecting, and <c>/history [N]</c>, each line with its time.</summary>
public sealed class PlainHistoryTests : IDisposable
{
    private readonly StoredHistory _history = new();

    public void Dispose() => _history.Dispose();

    [Fact]
    public async Task A_newcomer_sees_the_last_lines_said_before_it_came_marked_as_history_then_chats_live()
    {
        await using var server = InMemoryServer.Start(plain: p => p.ReplayLines = 2, history: _history.Store);
        var ra = await server.ConnectPlainAsync();
        foreach (var line in new[] { "first", "second", "third" })
        {
            await ra.SendLineAsync(line);
            await ra.ExpectAsync("(OK)");
        }

        await ra.SendLineAsync("/me waves");
        await ra.ExpectAsync("(OK)");

        var bo = await server.ConnectPlainAsync();
        var stamp = $"[{server.Time.GetUtcNow().UtcDateTime:yyyy-MM-dd HH:mm} UTC]";
        Assert.Equal(
            ["* Earlier in the lobby (2 lines):", $"{stamp} {ra.Nick}: third", $"{stamp} * {ra.Nick} waves", "* End of history."],
            await bo.ReadUntilAsync(l => l == "* End of history."));

        await ra.SendLineAsync("live now");
        await bo.ExpectAsync($"{ra.Nick}: live now");
    }

    [Fact]
    public async Task Nothing_is_replayed_into_an_empty_lobby_or_when_turned_off()
    {
        await using var server = InMemoryServer.Start(plain: p => p.ReplayLines = 0, history: _history.Store);
        var ra = await server.ConnectPlainAsync();
        await ra.SendLineAsync("said");
        await ra.ExpectAsync("(OK)");

        var bo = await server.ConnectPlainAsync();
        Assert.Empty(await bo.FenceAsync());
    }

    [Fact]
    public async Task History_shows_the_last_n_lines_or_twenty_and_says_so_when_there_are_none()
    {
        await using var server = InMemoryServer.Start(plain: p => p.ReplayLines = 0, history: _history.Store);
        var ra = await server.ConnectPlainAsync();

        await ra.SendLineAsync("/history");
        await ra.ExpectAsync("* No history yet.");

        for (var i = 1; i <= 25; i++)
        {
            await ra.SendLineAsync($"line {i}");
        }

        await ra.SendLineAsync("/history 3");
        var shown = await ra.ReadUntilAsync(l => l == "* End of history.");
        var stamp = $"[{server.Time.GetUtcNow().UtcDateTime:yyyy-MM-dd HH:mm} UTC]";
        Assert.Equal(Enumerable.Repeat("(OK)", 25), shown[..25]); // every line acknowledged before the answer
        Assert.Equal(["* The lobby's last lines (3 lines):", $"{stamp} {ra.Nick}: line 23", $"{stamp} {ra.Nick}: line 24", $"{stamp} {ra.Nick}: line 25", "* End of history."], shown[25..]);

        await ra.SendLineAsync("/history");
        var twenty = await ra.ReadUntilAsync(l => l == "* End of history.");
        Assert.Equal(22, twenty.Count);
        Assert.EndsWith($"{ra.Nick}: line 6", twenty[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/history 0")]
    [InlineData("/history 101")]
    [InlineData("/history lots")]
    [InlineData("/history -5")]
    public async Task A_bad_count_gets_the_usage(string command)
    {
        await using var server = InMemoryServer.Start(history: _history.Store);
        var ra = await server.ConnectPlainAsync();

        await ra.SendLineAsync(command);
        await ra.ExpectAsync("(ERROR) Usage: /history [N]  (N from 1 to 100; 20 if not given)");
    }

    [Fact]
    public async Task Without_history_the_command_says_the_server_keeps_none()
    {
        await using var server = InMemoryServer.Start();
        var ra = await server.ConnectPlainAsync();

        await ra.SendLineAsync("/history");
        await ra.ExpectAsync("(ERROR) This server keeps no history.");
    }
}
