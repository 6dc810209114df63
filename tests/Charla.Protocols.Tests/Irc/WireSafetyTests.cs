using System.Text;
using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests.Irc;

/// <summary>
/// Lines the IRC grammar forbids never leave the server, whatever a client sent: no CR, LF or
/// NUL inside a line, nothing over 512 bytes without tags, no broken middle parameter, no tag
/// without a name. (Every client here reads through a strict reader that fails the test on any
/// such line, so these tests also fail if the server sends one anywhere else.)
/// </summary>
public sealed class WireSafetyTests
{
    [Fact]
    public async Task A_cr_inside_a_privmsg_ends_it_so_nobody_sees_a_message_forged_from_someone_else()
    {
        await using var server = InMemoryServer.Start();
        var (alice, bob) = await server.IrcPairInChannelAsync("#c", "alice", "bob");
        var plain = await server.ConnectPlainAsync();
        await alice.JoinAsync("#lobby");
        await bob.JoinAsync("#lobby");
        await alice.FenceAsync();

        await alice.SendRawAsync("PRIVMSG #c :hello\r:evil!evil@evil.example PRIVMSG bob :spoofed\r\n"u8.ToArray());
        await alice.SendRawAsync("PRIVMSG #lobby :hi\radmin: the server restarts, send me your password\r\n"u8.ToArray());

        // The rest was a line of its own: a PRIVMSG from alice to bob, and a command "ADMIN:".
        var fromAlice = await alice.FenceAsync(); // alice's lines are handled: what they sent others is queued
        Assert.Contains(fromAlice, r => r.Command == "421" && r[1] == "ADMIN:");
        var privmsgs = (await bob.FenceAsync()).Where(r => r.Command == "PRIVMSG").ToList();
        Assert.Equal(["#c hello", "bob spoofed", "#lobby hi"], privmsgs.Select(r => $"{r[0]} {r[1]}"));
        Assert.All(privmsgs, r => Assert.StartsWith("alice!", r.Source, StringComparison.Ordinal));
        Assert.Equal(["alice: hi"], (await plain.FenceAsync()).Where(l => l.StartsWith("alice", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_channel_name_cannot_end_in_a_cr()
    {
        await using var server = InMemoryServer.Start();
        var alice = await server.RegisterIrcAsync("alice");

        await alice.SendRawAsync("JOIN #c\r\n"u8.ToArray());
        await alice.SendRawAsync("JOIN #d\r"u8.ToArray());
        await alice.ReadUntilAsync(r => r.Command == "366" && r[1] == "#c");
        await alice.ReadUntilAsync(r => r.Command == "366" && r[1] == "#d");

        Assert.Equal(["#c", "#d"], server.Engine.Channels.Select(c => c.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_message_at_the_input_limit_is_relayed_cut_to_512_bytes_and_the_echo_shows_the_same_text()
    {
        await using var server = InMemoryServer.Start();
        var (alice, bob) = await server.IrcPairInChannelAsync("#c", "alice", "bob");
        await alice.SendAsync("CAP REQ echo-message");
        await alice.ExpectAsync("CAP");
        var head = "PRIVMSG #c :";
        var text = string.Concat(Enumerable.Repeat("é", (510 - head.Length) / 2)); // two bytes each: cuts must fall between them

        await alice.SendAsync(head + text);

        var echo = await alice.ExpectAsync("PRIVMSG");
        var relayed = await bob.ExpectAsync("PRIVMSG");
        Assert.Equal(echo[1], relayed[1]);
        Assert.StartsWith(relayed[1], text, StringComparison.Ordinal);
        Assert.True(relayed[1].Length < text.Length);
        Assert.Equal(512, Encoding.UTF8.GetByteCount(relayed.Raw) + 2, 1.0); // full, less at most one byte of a split character
    }

    [Fact]
    public async Task Plain_mode_users_get_the_same_cut_text_as_irc_users()
    {
        await using var server = InMemoryServer.Start();
        var alice = await server.RegisterIrcAsync("alice");
        var bob = await server.RegisterIrcAsync("bob");
        await alice.JoinAsync("#lobby");
        await bob.JoinAsync("#lobby");
        var plain = await server.ConnectPlainAsync();
        await alice.FenceAsync();
        var text = new string('x', 510 - "PRIVMSG #lobby :".Length);

        await alice.SendAsync("PRIVMSG #lobby :" + text);

        var relayed = (await bob.ReadUntilAsync(r => r.Command == "PRIVMSG"))[^1];
        Assert.Equal($"alice: {relayed[1]}", await plain.ReadLineAsync());
    }

    [Theory]
    [InlineData("QUIT :")]
    [InlineData("PART #c :")]
    [InlineData("NOTICE #c :")]
    [InlineData("TOPIC #c :")]
    [InlineData("AWAY :")]
    [InlineData("KICK #c bob :")]
    public async Task Client_text_near_the_limit_never_makes_an_outgoing_line_longer_than_512_bytes(string head)
    {
        await using var server = InMemoryServer.Start(irc =>
        {
            irc.TopicLength = 500;
            irc.KickLength = 500;
            irc.AwayLength = 500;
        });
        var (alice, bob) = await server.IrcPairInChannelAsync("#c", "alice", "bob");
        await bob.SendAsync("CAP REQ away-notify");
        await bob.ExpectAsync("CAP");

        await alice.SendAsync(head + new string('r', 510 - head.Length));

        // The strict readers fail on any line over 512 bytes; the change must still arrive.
        var seen = await bob.ReadUntilAsync(r => r.Command is "QUIT" or "PART" or "NOTICE" or "TOPIC" or "AWAY" or "KICK");
        Assert.StartsWith("rrrr", seen[^1].Last, StringComparison.Ordinal);
        if (head != "QUIT :")
        {
            await alice.FenceAsync();
        }
    }

    [Fact]
    public async Task An_over_long_quit_gives_an_error_line_within_512_bytes()
    {
        await using var server = InMemoryServer.Start();
        var alice = await server.RegisterIrcAsync("alice");

        await alice.SendAsync("QUIT :" + new string('q', 504));

        var error = (await alice.ReadToEndAsync()).Last();
        Assert.Equal("ERROR", error.Command);
        Assert.StartsWith("Closing Link: 127.0.0.1 (Quit: qqqq", error.Last, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CAP REQ :")]
    [InlineData("PING :")]
    [InlineData("JOIN #")]
    [InlineData("PART #")]
    [InlineData("WHOIS ")]
    [InlineData("PRIVMSG ")]
    [InlineData("MODE #")]
    public async Task Replies_that_echo_client_text_keep_to_512_bytes(string head)
    {
        await using var server = InMemoryServer.Start();
        var alice = await server.RegisterIrcAsync("alice");

        await alice.SendAsync(head + new string('z', 510 - head.Length - (head == "PRIVMSG " ? 3 : 0)) + (head == "PRIVMSG " ? " :x" : string.Empty));

        var replies = await alice.FenceAsync(); // the strict reader checks each line
        Assert.NotEmpty(replies);
    }

    [Fact]
    public async Task Client_text_that_would_break_a_middle_parameter_is_sent_as_a_star()
    {
        await using var server = InMemoryServer.Start();
        var (alice, _) = await server.IrcPairInChannelAsync("#c", "alice", "bob");

        await alice.SendAsync("WHOIS :no such nick");
        Assert.Equal(["alice", "*", "No such nick/channel"], (await alice.ExpectAsync("401")).Params);
        Assert.Equal(["alice", "*", "End of /WHOIS list"], (await alice.ExpectAsync("318")).Params);

        await alice.SendAsync("WHO #c %tn,:x");
        var whox = await alice.ReadUntilAsync(r => r.Command == "315");
        Assert.Equal([["alice", "*", "alice"], ["alice", "*", "bob"]], whox.Where(r => r.Command == "354").Select(r => r.Params));

        await alice.SendAsync("PRIVMSG bob,:x :hello");
        Assert.Equal(["alice", "*", "No such nick/channel"], (await alice.ExpectAsync("401")).Params);
    }

    [Fact]
    public async Task A_tag_without_a_valid_name_is_not_relayed_and_the_message_is()
    {
        await using var server = InMemoryServer.Start();
        var (alice, bob) = await server.IrcPairInChannelAsync("#c", "alice", "bob", "message-tags");

        await alice.SendAsync("@+;+=v;+ok=1;+vendor.example/ok=2;+bad/=3;+bad!name=4 PRIVMSG #c :x");

        var relayed = await bob.ExpectAsync("PRIVMSG");
        var tags = relayed.Raw[1..relayed.Raw.IndexOf(' ', StringComparison.Ordinal)].Split(';').Select(t => t.Split('=')[0]).ToList();
        Assert.Contains("+ok", tags);
        Assert.Contains("+vendor.example/ok", tags);
        Assert.DoesNotContain(tags, t => t is "+" or "" || t.Contains("bad", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Client_tags_over_4094_bytes_get_417_and_nothing_is_relayed()
    {
        await using var server = InMemoryServer.Start();
        var (alice, bob) = await server.IrcPairInChannelAsync("#c", "alice", "bob", "message-tags");

        var atLimit = "@+t=" + new string('a', 4094 - "+t=".Length);
        await alice.SendAsync(atLimit + " PRIVMSG #c :fits");
        Assert.Equal("fits", (await bob.ExpectAsync("PRIVMSG"))[1]);

        await alice.SendAsync(atLimit + "a PRIVMSG #c :too much");
        Assert.Equal("417", (await alice.ExpectAsync("417")).Command);
        await alice.SendAsync("@+clientOnlyTagExample=" + new string('a', 4096) + " PRIVMSG #c hi!");
        await alice.ExpectAsync("417");
        Assert.Empty(await bob.FenceAsync());
    }

    [Fact]
    public async Task Irc_formatting_and_control_characters_never_reach_a_plain_mode_terminal()
    {
        await using var server = InMemoryServer.Start();
        var alice = await server.RegisterIrcAsync("alice");
        await alice.JoinAsync("#lobby");
        var plain = await server.ConnectPlainAsync();
        await alice.FenceAsync();

        await alice.SendAsync("PRIVMSG #lobby :\u0002bold\u0002 \u000304,12red\u000f \u001b[2Jclear \u0007bell \u0004ff00ffhex");

        Assert.Equal("alice: bold red [2Jclear bell hex", await plain.ReadLineAsync());
    }
}
