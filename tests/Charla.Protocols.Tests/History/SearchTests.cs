using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests.History;

/// <summary>Server-side search: IRC's SEARCH (soju.im/search) over the channels a client is in, and plain mode's /search over the lobby.</summary>
public sealed class SearchTests : IDisposable
{
    private static readonly string[] Caps = ["message-tags", "server-time", "batch", "soju.im/search"];
    private readonly StoredHistory _history = new();

    public void Dispose() => _history.Dispose();

    [Fact]
    public async Task Search_finds_lines_with_every_word_in_the_clients_channels_only()
    {
        await using var server = InMemoryServer.Start(history: _history.Store);
        var ana = await server.RegisterIrcAsync("ana", Caps);
        var bob = await server.RegisterIrcAsync("bob");
        await ana.JoinAsync("#a");
        await ana.JoinAsync("#b");
        await bob.JoinAsync("#secret");
        await ana.SendAsync("PRIVMSG #a :the blue whale sings");
        await ana.SendAsync("PRIVMSG #b :a blue sky");
        await ana.SendAsync("PRIVMSG #b :whale watching, blue water");
        await bob.SendAsync("PRIVMSG #secret :blue whale secret");
        await ana.FenceAsync();
        await bob.FenceAsync();

        await ana.SendAsync(@"SEARCH text=blue\swhale");
        var start = await ana.ExpectAsync("BATCH");
        Assert.Equal("soju.im/search", start[1]);
        var found = await ana.ReadUntilAsync(r => r.Command == "BATCH");
        Assert.Equal(["#a the blue whale sings", "#b whale watching, blue water"], found[..^1].Select(r => $"{r[0]} {r.Last}"));
        Assert.All(found[..^1], r => Assert.Equal(start[0][1..], r.Tag("batch")));

        await ana.SendAsync("SEARCH in=#b;text=blue");
        await ana.ExpectAsync("BATCH");
        Assert.Equal(["a blue sky", "whale watching, blue water"], (await ana.ReadUntilAsync(r => r.Command == "BATCH"))[..^1].Select(r => r.Last));
    }

    [Theory]
    [InlineData("SEARCH in=#secret;text=blue", "INVALID_PARAMS in You can only search channels you are in")]
    [InlineData("SEARCH in=#nowhere", "INVALID_PARAMS in You can only search channels you are in")]
    [InlineData("SEARCH text=blue;limit=0", "INVALID_PARAMS limit The limit must be a positive number")]
    [InlineData("SEARCH after=yesterday", "INVALID_PARAMS after A time is written YYYY-MM-DDThh:mm:ss.sssZ")]
    public async Task Bad_searches_get_a_fail(string request, string fail)
    {
        await using var server = InMemoryServer.Start(history: _history.Store);
        var ana = await server.RegisterIrcAsync("ana", Caps);
        var bob = await server.RegisterIrcAsync("bob");
        await bob.JoinAsync("#secret");

        await ana.SendAsync(request);
        Assert.Equal("SEARCH " + fail, string.Join(' ', (await ana.ExpectAsync("FAIL")).Params));
    }

    [Fact]
    public async Task Plain_search_shows_the_lobby_lines_with_every_word()
    {
        await using var server = InMemoryServer.Start(plain: p => p.ReplayLines = 0, history: _history.Store);
        var ra = await server.ConnectPlainAsync();
        foreach (var line in new[] { "the blue whale", "a red car", "Blue whales sing" })
        {
            await ra.SendLineAsync(line);
            await ra.ExpectAsync("(OK)");
        }

        await ra.SendLineAsync("/search blue whale");
        var stamp = $"[{server.Time.GetUtcNow().UtcDateTime:yyyy-MM-dd HH:mm} UTC]";
        Assert.Equal(["* Lines with \"blue whale\" (1 line):", $"{stamp} {ra.Nick}: the blue whale", "* End of history."], await ra.ReadUntilAsync(l => l == "* End of history."));

        await ra.SendLineAsync("/search purple");
        await ra.ExpectAsync("* Nothing in the lobby's history has \"purple\".");
        await ra.SendLineAsync("/search");
        await ra.ExpectAsync("(ERROR) Usage: /search WORDS");
    }
}
