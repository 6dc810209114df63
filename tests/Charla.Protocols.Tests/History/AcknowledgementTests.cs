using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests.History;

/// <summary>
/// Acknowledged means stored: plain mode's (OK), an IRC echo and a labeled ACK go out only once
/// the message is on disk (read back here from the SQLite file the moment the acknowledgement
/// arrives), in order with the sender's other replies; a message that could not be stored gets
/// an error instead, though the others saw it.
/// </summary>
public sealed class AcknowledgementTests : IDisposable
{
    private readonly StoredHistory _history = new();

    public void Dispose() => _history.Dispose();

    [Fact]
    public async Task A_plain_message_is_on_disk_when_its_ok_arrives()
    {
        await using var server = InMemoryServer.Start(history: _history.Store);
        var (ra, bo) = await server.ConnectPlainPairAsync();

        await ra.SendLineAsync("hello, lobby");
        await ra.ExpectAsync("(OK)");

        Assert.Equal(["hello, lobby"], await _history.TextsAsync());
        await bo.ExpectAsync($"{ra.Nick}: hello, lobby");
    }

    [Fact]
    public async Task Plain_actions_are_stored_as_actions_and_acknowledged_the_same_way()
    {
        await using var server = InMemoryServer.Start(history: _history.Store);
        var ra = await server.ConnectPlainAsync();

        await ra.SendLineAsync("/me waves");
        await ra.ExpectAsync("(OK)");

        var record = Assert.Single(await _history.LobbyAsync());
        Assert.Equal((Charla.Storage.History.HistoryKind.Action, "waves", ra.Nick, "#lobby"), (record.Kind, record.Text, record.Nick, record.Target));
    }

    [Fact]
    public async Task An_irc_echo_is_on_disk_when_it_arrives_with_the_msgid_that_was_stored()
    {
        await using var server = InMemoryServer.Start(history: _history.Store);
        var (alice, bob) = await server.IrcPairInChannelAsync("#lobby", "alice", "bob", "echo-message", "message-tags");

        await alice.SendAsync("PRIVMSG #lobby :stored first");
        var echo = await alice.ExpectAsync("PRIVMSG");

        var stored = Assert.Single(await _history.LobbyAsync());
        Assert.Equal(("stored first", "alice"), (stored.Text, stored.Nick));
        Assert.Contains($"msgid={stored.MessageId}", echo.Raw, StringComparison.Ordinal);
        Assert.Contains($"msgid={stored.MessageId}", (await bob.ExpectAsync("PRIVMSG")).Raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replies_after_a_stored_message_wait_behind_its_echo()
    {
        await using var server = InMemoryServer.Start(history: _history.Store);
        var (alice, _) = await server.IrcPairInChannelAsync("#c", "alice", "bob", "echo-message");

        for (var i = 0; i < 20; i++)
        {
            await alice.SendAsync($"PRIVMSG #c :line {i}");
        }

        var beforePong = await alice.FenceAsync();
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"line {i}"), beforePong.Select(r => r.Last));
        Assert.Equal(20, (await _history.TextsAsync(server.Engine.FindChannel("#c")!.HistoryKey)).Count);
    }

    [Fact]
    public async Task Without_echo_message_a_reply_after_stored_messages_waits_until_they_are_all_on_disk()
    {
        await using var server = InMemoryServer.Start(history: _history.Store);
        var (alice, _) = await server.IrcPairInChannelAsync("#c", "alice", "bob");
        var conversation = server.Engine.FindChannel("#c")!.HistoryKey;

        for (var i = 0; i < 50; i++)
        {
            await alice.SendAsync($"PRIVMSG #c :line {i}");
        }

        Assert.Empty(await alice.FenceAsync()); // the PONG comes once the 50 are stored, with nothing before it
        Assert.Equal(50, (await _history.TextsAsync(conversation)).Count);

        _history.Break();
        await alice.SendAsync("PRIVMSG #c :lost one");
        await alice.SendAsync("NOTICE #c :lost two");
        Assert.Equal(
            ["PRIVMSG NOT_STORED #c Your message could not be stored, so it is not acknowledged", "NOTICE NOT_STORED #c Your message could not be stored, so it is not acknowledged"],
            (await alice.FenceAsync()).Select(r => string.Join(' ', r.Params.Skip(0))));
    }

    [Fact]
    public async Task A_labeled_message_is_acknowledged_with_its_label_once_stored_with_or_without_echo()
    {
        await using var server = InMemoryServer.Start(history: _history.Store);
        var (alice, _) = await server.IrcPairInChannelAsync("#lobby", "alice", "bob", "labeled-response", "batch");
        var echoing = await server.RegisterIrcAsync("echoing", "labeled-response", "echo-message", "batch");
        await echoing.JoinAsync("#lobby");

        await alice.SendAsync("@label=one PRIVMSG #lobby :no echo");
        var ack = await alice.ReadUntilAsync(r => r.Command == "ACK");
        Assert.StartsWith("@label=one ", ack[^1].Raw, StringComparison.Ordinal);
        Assert.Contains("no echo", await _history.TextsAsync());

        await echoing.SendAsync("@label=two PRIVMSG #lobby :with echo");
        var labeled = await echoing.ReadUntilAsync(r => r.Command == "PRIVMSG" && r.Last == "with echo");
        Assert.StartsWith("@label=two", labeled[^1].Raw, StringComparison.Ordinal);
        Assert.Contains("with echo", await _history.TextsAsync());
    }

    [Fact]
    public async Task A_message_that_cannot_be_stored_is_relayed_but_answered_with_an_error_not_an_acknowledgement()
    {
        await using var server = InMemoryServer.Start(history: _history.Store);
        var (ra, bo) = await server.ConnectPlainPairAsync();
        var alice = await server.RegisterIrcAsync("alice", "echo-message");
        await alice.JoinAsync("#lobby");
        await ra.ReadUntilAsync(l => l.Contains("alice joined", StringComparison.Ordinal));
        await bo.ReadUntilAsync(l => l.Contains("alice joined", StringComparison.Ordinal));
        _history.Break();

        await ra.SendLineAsync("not kept");
        await ra.ExpectAsync("(ERROR) The server could not store your message; it is not acknowledged (the others may have seen it).");
        await bo.ExpectAsync($"{ra.Nick}: not kept");

        await alice.SendAsync("PRIVMSG #lobby :not kept either");
        var fail = await alice.ReadUntilAsync(r => r.Command == "FAIL");
        Assert.Equal(["PRIVMSG", "NOT_STORED", "#lobby", "Your message could not be stored, so it is not acknowledged"], fail[^1].Params);
        Assert.DoesNotContain(fail, r => r.Command == "PRIVMSG" && r.Last == "not kept either"); // no echo: that would say it was kept

        _history.Heal();
        await ra.SendLineAsync("kept again");
        await ra.ReadUntilAsync(l => l == "(OK)"); // after alice's line
        Assert.Equal(["kept again"], await _history.TextsAsync());
    }

    [Fact]
    public async Task Private_messages_and_messages_to_operators_only_are_not_stored_and_acknowledged_at_once()
    {
        await using var server = InMemoryServer.Start(history: _history.Store);
        var (alice, bob) = await server.IrcPairInChannelAsync("#c", "alice", "bob", "echo-message");

        await alice.SendAsync("PRIVMSG bob :just between us");
        await alice.ExpectAsync("PRIVMSG");
        await alice.SendAsync("PRIVMSG @#c :ops only");
        await alice.ExpectAsync("PRIVMSG");

        Assert.Empty(await _history.TextsAsync(server.Engine.FindChannel("#c")!.HistoryKey));
        Assert.Equal(["just between us"], (await bob.FenceAsync()).Select(r => r.Last));
    }
}
