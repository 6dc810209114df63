using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests.History;

/// <summary>IRCv3 draft/message-redaction on a real store: who may take a message back, who is told, and that it leaves history and search.</summary>
public sealed class RedactTests : IDisposable
{
    private static readonly string[] Caps = ["message-tags", "echo-message", "batch", "labeled-response", "draft/chathistory", "draft/message-redaction", "soju.im/search"];
    private readonly StoredHistory _history = new();

    public void Dispose() => _history.Dispose();

    /// <summary>ana (operator of #c, joined first) and bob in #c, both with <see cref="Caps"/>; bob said a line, whose msgid is returned.</summary>
    private async Task<(InMemoryServer Server, IrcClient Ana, IrcClient Bob, string MessageId)> BobSaidAsync(string text = "buy cheap watches")
    {
        var server = InMemoryServer.Start(history: _history.Store);
        var (ana, bob) = await server.IrcPairInChannelAsync("#c", "ana", "bob", Caps);
        await bob.SendAsync($"PRIVMSG #c :{text}");
        var echo = await bob.ExpectAsync("PRIVMSG");
        await ana.ExpectAsync("PRIVMSG");
        return (server, ana, bob, echo.Tag("msgid")!);
    }

    private static async Task<List<string>> HistoryAsync(IrcClient client)
    {
        await client.SendAsync("CHATHISTORY LATEST #c * 10");
        await client.ExpectAsync("BATCH");
        return [.. (await client.ReadUntilAsync(r => r.Command == "BATCH"))[..^1].Select(r => r.Last)];
    }

    [Fact]
    public async Task A_sender_takes_back_its_own_message_everyone_with_the_cap_is_told_and_history_and_search_forget_it()
    {
        var (server, ana, bob, msgid) = await BobSaidAsync();
        await using var _ = server;
        var old = await server.RegisterIrcAsync("old", "echo-message");
        await old.JoinAsync("#c");
        await ana.ExpectAsync("JOIN");
        await bob.ExpectAsync("JOIN");

        await bob.SendAsync($"@label=r1 REDACT #c {msgid} :wrong window");

        var echo = await bob.ExpectAsync("REDACT");
        Assert.Equal("r1", echo.Tag("label"));
        Assert.Equal(["#c", msgid, "wrong window"], echo.Params);
        var told = await ana.ExpectAsync("REDACT");
        Assert.Equal("bob!~bob@127.0.0.1", told.Source);
        Assert.Equal(["#c", msgid, "wrong window"], told.Params);
        Assert.NotNull(told.Tag("msgid"));
        Assert.Empty(await old.FenceAsync()); // no capability, no fallback

        Assert.Empty(await HistoryAsync(ana));
        await ana.SendAsync("SEARCH text=watches");
        await ana.ExpectAsync("BATCH");
        Assert.Single(await ana.ReadUntilAsync(r => r.Command == "BATCH"));
        Assert.Empty(await _history.TextsAsync(server.Engine.FindChannel("#c")!.HistoryKey));
    }

    [Fact]
    public async Task Only_an_operator_takes_back_someone_elses_message()
    {
        var (server, ana, bob, msgid) = await BobSaidAsync();
        await using var _ = server;
        await ana.SendAsync("PRIVMSG #c :ana says");
        var anas = (await ana.ExpectAsync("PRIVMSG")).Tag("msgid");
        await bob.ExpectAsync("PRIVMSG");

        await bob.SendAsync($"REDACT #c {anas}");
        Assert.Equal(["REDACT", "REDACT_FORBIDDEN", "#c", anas!, "You are not authorised to delete this message"], (await bob.ExpectAsync("FAIL")).Params);

        await ana.SendAsync($"REDACT #c {msgid} spam");
        Assert.Equal(["#c", msgid, "spam"], (await ana.ExpectAsync("REDACT")).Params);
        Assert.Equal("ana!~ana@127.0.0.1", (await bob.ExpectAsync("REDACT")).Source);
        Assert.Equal(["ana says"], await HistoryAsync(bob));
    }

    [Fact]
    public async Task Whoever_takes_the_nick_later_cannot_take_back_what_its_last_owner_said()
    {
        var (server, ana, bob, msgid) = await BobSaidAsync();
        await using var _ = server;
        await bob.SendAsync("QUIT");
        await bob.ReadToEndAsync();
        server.Time.Advance(TimeSpan.FromSeconds(5));
        var newBob = await server.RegisterIrcAsync("bob", Caps);
        await newBob.JoinAsync("#c");

        await newBob.SendAsync($"REDACT #c {msgid}");

        Assert.Equal("REDACT_FORBIDDEN", (await newBob.ExpectAsync("FAIL"))[1]);
    }

    [Theory]
    [InlineData("REDACT #c nosuchid", "REDACT UNKNOWN_MSGID #c nosuchid This message does not exist or is too old")]
    [InlineData("REDACT #elsewhere {0}", "REDACT INVALID_TARGET #elsewhere You cannot delete messages from #elsewhere")]
    [InlineData("REDACT #nowhere {0}", "REDACT INVALID_TARGET #nowhere You cannot delete messages from #nowhere")]
    [InlineData("REDACT ana {0}", "REDACT INVALID_TARGET ana You cannot delete messages from ana")]
    public async Task Bad_redactions_get_the_specs_fail(string request, string fail)
    {
        var (server, ana, bob, msgid) = await BobSaidAsync();
        await using var _ = server;
        await ana.JoinAsync("#elsewhere");

        await bob.SendAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, request, msgid));

        Assert.Equal(fail, string.Join(' ', (await bob.ExpectAsync("FAIL")).Params));
        Assert.Equal(["buy cheap watches"], await HistoryAsync(bob));
    }

    [Fact]
    public async Task An_event_is_not_a_message_to_take_back_and_too_few_parameters_get_461()
    {
        var (server, ana, bob, _) = await BobSaidAsync();
        await using var __ = server;
        await ana.SendAsync("TOPIC #c :the topic");
        var topic = await bob.ReadUntilAsync(r => r.Command == "TOPIC");

        await ana.SendAsync($"REDACT #c {topic[^1].Tag("msgid")}");
        Assert.Equal("UNKNOWN_MSGID", (await ana.ReadUntilAsync(r => r.Command == "FAIL"))[^1][1]);

        await ana.SendAsync("REDACT #c");
        Assert.Equal("461", (await ana.ExpectAsync("461")).Command);
    }

    [Fact]
    public async Task Without_history_redact_is_not_offered()
    {
        await using var server = InMemoryServer.Start();
        var asking = server.ConnectIrc();
        await asking.SendAsync("CAP LS 302");
        Assert.DoesNotContain("draft/message-redaction", (await asking.ExpectAsync("CAP")).Last.Split(' '));
        var ana = await server.RegisterIrcAsync("ana");
        await ana.SendAsync("REDACT #c abc");
        Assert.Equal("421", (await ana.ExpectAsync("421")).Command);
    }
}
