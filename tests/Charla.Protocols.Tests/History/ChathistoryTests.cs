using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests.History;

/// <summary>
/// IRCv3 CHATHISTORY on a real SQLite store: every subcommand with msgid and timestamp
/// references (exclusive bounds, limits, direction), the batch and its tags, event playback,
/// TARGETS, labels, and each error the specification names.
/// </summary>
public sealed class ChathistoryTests : IDisposable
{
    private static readonly string[] Caps = ["message-tags", "server-time", "echo-message", "batch", "labeled-response", "draft/chathistory"];
    private readonly StoredHistory _history = new();

    public void Dispose() => _history.Dispose();

    /// <summary>A member of #c who said ten lines, 20 ms apart (on the fake clock); their echoes, as stored.</summary>
    private async Task<(InMemoryServer Server, IrcClient Bar, List<IrcReply> Echoes)> TenMessagesAsync(params string[] extraCaps)
    {
        var server = InMemoryServer.Start(history: _history.Store);
        var bar = await server.RegisterIrcAsync("bar", [.. Caps, .. extraCaps]);
        await bar.JoinAsync("#c");
        var echoes = new List<IrcReply>();
        for (var i = 0; i < 10; i++)
        {
            await bar.SendAsync($"PRIVMSG #c :this is message {i}");
            echoes.Add(await bar.ExpectAsync("PRIVMSG"));
            server.Time.Advance(TimeSpan.FromMilliseconds(20));
        }

        return (server, bar, echoes);
    }

    /// <summary>Sends a CHATHISTORY request and returns the batch's messages, checking its frame.</summary>
    private static async Task<List<IrcReply>> BatchAsync(IrcClient client, string request, string target = "#c")
    {
        await client.SendAsync(request);
        var start = await client.ExpectAsync("BATCH");
        Assert.Equal("chathistory", start[1]);
        Assert.Equal(target, start[2]);
        var id = start[0][1..];
        var lines = await client.ReadUntilAsync(r => r.Command == "BATCH");
        Assert.Equal("-" + id, lines[^1][0]);
        Assert.All(lines[..^1], line => Assert.Equal(id, line.Tag("batch")));
        return lines[..^1];
    }

    private static string Texts(IEnumerable<IrcReply> replies) => string.Join(",", replies.Select(r => r.Last.Replace("this is message ", string.Empty, StringComparison.Ordinal)));

    private static string Numbers(int from, int to) => string.Join(",", Enumerable.Range(from, to - from));

    [Fact]
    public async Task The_server_offers_chathistory_when_it_keeps_history()
    {
        await using var server = InMemoryServer.Start(history: _history.Store);
        var client = server.ConnectIrc();
        await client.SendAsync("CAP LS 302");
        var ls = await client.ExpectAsync("CAP");
        Assert.Contains("draft/chathistory", ls.Last.Split(' '));
        Assert.Contains("draft/event-playback", ls.Last.Split(' '));
        var welcome = await server.ConnectIrc().RegisterAsync("bar");
        var isupport = welcome.Where(r => r.Command == "005").SelectMany(r => r.Params).ToList();
        Assert.Contains("CHATHISTORY=100", isupport);
        Assert.Contains("MSGREFTYPES=msgid,timestamp", isupport);
    }

    [Fact]
    public async Task Latest_returns_the_newest_messages_as_they_were_sent_with_their_msgid_and_time()
    {
        var (server, bar, echoes) = await TenMessagesAsync();
        await using var _ = server;

        var all = await BatchAsync(bar, "CHATHISTORY LATEST #c * 20");
        Assert.Equal(echoes.Select(e => (e.Source, e.Command, e[0], e.Last, e.Tag("msgid"), e.Tag("time"))), all.Select(r => (r.Source, r.Command, r[0], r.Last, r.Tag("msgid"), r.Tag("time"))));
        Assert.Equal(Numbers(5, 10), Texts(await BatchAsync(bar, "CHATHISTORY LATEST #c * 5")));
        Assert.Equal("9", Texts(await BatchAsync(bar, "CHATHISTORY LATEST #c * 1")));
        Assert.Equal(Numbers(5, 10), Texts(await BatchAsync(bar, $"CHATHISTORY LATEST #c msgid={echoes[4].Tag("msgid")} 20")));
        Assert.Equal(Numbers(5, 10), Texts(await BatchAsync(bar, $"CHATHISTORY LATEST #c timestamp={echoes[4].Tag("time")} 20")));
    }

    [Fact]
    public async Task Before_and_after_page_backwards_and_forwards_from_a_message_or_a_moment()
    {
        var (server, bar, echoes) = await TenMessagesAsync();
        await using var _ = server;

        Assert.Equal(Numbers(0, 6), Texts(await BatchAsync(bar, $"CHATHISTORY BEFORE #c msgid={echoes[6].Tag("msgid")} 20")));
        Assert.Equal(Numbers(0, 6), Texts(await BatchAsync(bar, $"CHATHISTORY BEFORE #c timestamp={echoes[6].Tag("time")} 20")));
        Assert.Equal("4,5", Texts(await BatchAsync(bar, $"CHATHISTORY BEFORE #c timestamp={echoes[6].Tag("time")} 2")));
        Assert.Equal(Numbers(4, 10), Texts(await BatchAsync(bar, $"CHATHISTORY AFTER #c msgid={echoes[3].Tag("msgid")} 20")));
        Assert.Equal(Numbers(4, 10), Texts(await BatchAsync(bar, $"CHATHISTORY AFTER #c timestamp={echoes[3].Tag("time")} 20")));
        Assert.Equal("4,5,6", Texts(await BatchAsync(bar, $"CHATHISTORY AFTER #c timestamp={echoes[3].Tag("time")} 3")));
    }

    [Theory]
    [InlineData("msgid")]
    [InlineData("time")]
    public async Task Between_excludes_both_ends_and_a_limit_keeps_the_end_it_starts_from(string reference)
    {
        var (server, bar, echoes) = await TenMessagesAsync();
        await using var _ = server;
        string Ref(IrcReply echo) => reference == "msgid" ? $"msgid={echo.Tag("msgid")}" : $"timestamp={echo.Tag("time")}";

        Assert.Equal(Numbers(1, 9), Texts(await BatchAsync(bar, $"CHATHISTORY BETWEEN #c {Ref(echoes[0])} {Ref(echoes[9])} 20")));
        Assert.Equal(Numbers(1, 9), Texts(await BatchAsync(bar, $"CHATHISTORY BETWEEN #c {Ref(echoes[9])} {Ref(echoes[0])} 20")));
        Assert.Equal("1,2,3", Texts(await BatchAsync(bar, $"CHATHISTORY BETWEEN #c {Ref(echoes[0])} {Ref(echoes[9])} 3")));
        Assert.Equal("6,7,8", Texts(await BatchAsync(bar, $"CHATHISTORY BETWEEN #c {Ref(echoes[9])} {Ref(echoes[0])} 3")));
    }

    [Fact]
    public async Task Around_centres_on_the_message()
    {
        var (server, bar, echoes) = await TenMessagesAsync();
        await using var _ = server;

        Assert.Equal("7", Texts(await BatchAsync(bar, $"CHATHISTORY AROUND #c msgid={echoes[7].Tag("msgid")} 1")));
        Assert.Equal("6,7,8", Texts(await BatchAsync(bar, $"CHATHISTORY AROUND #c msgid={echoes[7].Tag("msgid")} 3")));
        Assert.Contains("7", Texts(await BatchAsync(bar, $"CHATHISTORY AROUND #c timestamp={echoes[7].Tag("time")} 3")).Split(','));
    }

    [Fact]
    public async Task Channel_events_are_replayed_only_to_a_client_with_event_playback()
    {
        await using var server = InMemoryServer.Start(history: _history.Store);
        var bar = await server.RegisterIrcAsync("bar", Caps);
        var watcher = await server.RegisterIrcAsync("watcher", [.. Caps, "draft/event-playback"]);
        await bar.JoinAsync("#c");
        await watcher.JoinAsync("#c");
        await bar.SendAsync("TOPIC #c :a topic");
        await bar.SendAsync("MODE #c +mb-t *!*@spam.example");
        await bar.SendAsync("PRIVMSG #c :a message");
        await bar.FenceAsync();
        await watcher.FenceAsync();

        Assert.Equal(["PRIVMSG"], (await BatchAsync(bar, "CHATHISTORY LATEST #c * 10")).Select(r => r.Command));
        var events = await BatchAsync(watcher, "CHATHISTORY LATEST #c * 10");
        Assert.Equal(
            [
                "JOIN bar!~bar@127.0.0.1 #c", "JOIN watcher!~watcher@127.0.0.1 #c", "TOPIC bar!~bar@127.0.0.1 #c a topic",
                "MODE bar!~bar@127.0.0.1 #c +mb-t *!*@spam.example", "PRIVMSG bar!~bar@127.0.0.1 #c a message",
            ],
            events.Select(r => $"{r.Command} {r.Source} {string.Join(' ', r.Params)}"));
    }

    [Fact]
    public async Task A_labeled_request_gets_its_label_on_the_batch()
    {
        var (server, bar, _) = await TenMessagesAsync();
        await using var __ = server;

        await bar.SendAsync("@label=h1 CHATHISTORY LATEST #c * 2");
        var start = await bar.ExpectAsync("BATCH");
        Assert.Equal("h1", start.Tag("label"));
        Assert.Equal(3, (await bar.ReadUntilAsync(r => r.Command == "BATCH")).Count);
    }

    [Fact]
    public async Task Targets_lists_the_clients_channels_with_messages_in_the_span()
    {
        var (server, bar, echoes) = await TenMessagesAsync();
        await using var _ = server;
        await bar.JoinAsync("#quiet");

        await bar.SendAsync($"CHATHISTORY TARGETS timestamp=2020-01-01T00:00:00.000Z timestamp=2030-01-01T00:00:00.000Z 10");
        var start = await bar.ExpectAsync("BATCH");
        Assert.Equal("draft/chathistory-targets", start[1]);
        var lines = await bar.ReadUntilAsync(r => r.Command == "BATCH");
        Assert.Equal([$"TARGETS #c {echoes[^1].Tag("time")}"], lines[..^1].Select(r => string.Join(' ', r.Params)));
    }

    [Theory]
    [InlineData("CHATHISTORY LATEST #nonexistent * 10", "INVALID_TARGET LATEST #nonexistent Messages could not be retrieved")]
    [InlineData("CHATHISTORY LATEST #other * 10", "INVALID_TARGET LATEST #other Messages could not be retrieved")]
    [InlineData("CHATHISTORY LATEST #c", "NEED_MORE_PARAMS LATEST Missing parameters")]
    [InlineData("CHATHISTORY BETWEEN #c * 10", "NEED_MORE_PARAMS BETWEEN Missing parameters")]
    [InlineData("CHATHISTORY", "UNKNOWN_COMMAND * Unknown command")]
    [InlineData("CHATHISTORY SIDEWAYS #c * 10", "UNKNOWN_COMMAND SIDEWAYS Unknown command")]
    [InlineData("CHATHISTORY LATEST #c * 0", "INVALID_PARAMS LATEST The limit must be a positive number")]
    [InlineData("CHATHISTORY LATEST #c * lots", "INVALID_PARAMS LATEST The limit must be a positive number")]
    [InlineData("CHATHISTORY BEFORE #c * 10", "INVALID_PARAMS BEFORE A reference must be msgid=<id> or timestamp=<YYYY-MM-DDThh:mm:ss.sssZ>")]
    [InlineData("CHATHISTORY AFTER #c timestamp=yesterday 10", "INVALID_PARAMS AFTER A reference must be msgid=<id> or timestamp=<YYYY-MM-DDThh:mm:ss.sssZ>")]
    public async Task Bad_requests_get_the_fail_the_specification_names(string request, string fail)
    {
        await using var server = InMemoryServer.Start(history: _history.Store);
        var bar = await server.RegisterIrcAsync("bar", Caps);
        var other = await server.RegisterIrcAsync("other");
        await bar.JoinAsync("#c");
        await other.JoinAsync("#other");

        await bar.SendAsync(request);
        var reply = await bar.ExpectAsync("FAIL");
        Assert.Equal("CHATHISTORY " + fail, string.Join(' ', reply.Params));
    }

    [Fact]
    public async Task A_history_that_cannot_be_read_gets_message_error_in_irc_and_an_error_line_in_plain_mode()
    {
        await using var server = InMemoryServer.Start(plain: p => p.ReplayLines = 0, history: _history.Store);
        var bar = await server.RegisterIrcAsync("bar", Caps);
        await bar.JoinAsync("#c");
        var ra = await server.ConnectPlainAsync();
        _history.Break();

        await bar.SendAsync("CHATHISTORY LATEST #c * 10");
        Assert.Equal("CHATHISTORY MESSAGE_ERROR LATEST #c Messages could not be retrieved", string.Join(' ', (await bar.ExpectAsync("FAIL")).Params));
        await ra.SendLineAsync("/history");
        await ra.ExpectAsync("(ERROR) History cannot be read now; try again later.");
        _history.Heal();
    }

    [Fact]
    public async Task A_nick_has_no_history_yet_and_without_history_the_command_is_unknown()
    {
        await using (var server = InMemoryServer.Start(history: _history.Store))
        {
            var bar = await server.RegisterIrcAsync("bar", Caps);
            Assert.Empty(await BatchAsync(bar, "CHATHISTORY LATEST someone * 10", "someone"));
        }

        await using var plain = InMemoryServer.Start();
        var client = await plain.RegisterIrcAsync("bar", "batch");
        await client.SendAsync("CHATHISTORY LATEST #c * 10");
        Assert.Equal("421", (await client.ReadUntilAsync(r => r.Command == "421"))[^1].Command);
    }
}
