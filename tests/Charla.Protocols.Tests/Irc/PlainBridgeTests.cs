using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests.Irc;

/// <summary>Plain-mode users and IRC users share #lobby.</summary>
public sealed class PlainBridgeTests
{
    [Fact]
    public async Task Plain_users_are_real_users_in_lobby_names_who_and_whois()
    {
        await using var server = InMemoryServer.Start();
        var plain = await server.ConnectPlainAsync();
        var alice = await server.RegisterIrcAsync("alice");

        var join = await alice.JoinAsync("#lobby");
        Assert.Equal($"{plain.Nick} alice", join.Single(r => r.Command == "353").Last);
        await plain.ExpectAsync("* alice joined");

        await alice.SendAsync("WHO #lobby");
        var who = await alice.ReadUntilAsync(r => r.Command == "315");
        Assert.Equal(["alice", "#lobby", "plain", "127.0.0.1", "charla.local", plain.Nick, "H", "0 Plain-mode user"], who[0].Params);

        await alice.SendAsync($"WHOIS {plain.Nick}");
        var whois = await alice.ReadUntilAsync(r => r.Command == "318");
        Assert.Equal("#lobby", whois.Single(r => r.Command == "319").Last);
    }

    [Fact]
    public async Task Messages_actions_renames_and_leaving_cross_both_ways()
    {
        await using var server = InMemoryServer.Start();
        var plain = await server.ConnectPlainAsync();
        var alice = await server.RegisterIrcAsync("alice");
        await alice.JoinAsync("#lobby");
        await plain.ExpectAsync("* alice joined");

        await alice.SendAsync("PRIVMSG #lobby :hello from IRC");
        await alice.SendAsync("PRIVMSG #lobby :\u0001ACTION waves\u0001");
        await alice.SendAsync("PRIVMSG #lobby :\u0001VERSION\u0001");
        await alice.SendAsync($"PRIVMSG {plain.Nick} :psst");
        await plain.ExpectAsync("alice: hello from IRC");
        await plain.ExpectAsync("* alice waves");
        await plain.ExpectAsync("(private) alice: psst");

        await plain.SendLineAsync("hello from plain");
        await plain.ExpectAsync("(OK)");
        var message = await alice.ExpectAsync("PRIVMSG");
        Assert.Equal($"{plain.Nick}!plain@127.0.0.1", message.Source);
        Assert.Equal(["#lobby", "hello from plain"], message.Params);

        await plain.SendLineAsync("/me nods");
        await plain.ExpectAsync("(OK)");
        Assert.Equal(["#lobby", "\u0001ACTION nods\u0001"], (await alice.ExpectAsync("PRIVMSG")).Params);

        await plain.SendLineAsync("/nick ana");
        Assert.Equal(["ana"], (await alice.ExpectAsync("NICK")).Params);
        await alice.SendAsync("NICK alicia");
        await alice.ExpectAsync("NICK");
        await plain.ReadUntilAsync(l => l == "* alice is now alicia");

        await plain.SendLineAsync("/quit bye all");
        var quit = await alice.ExpectAsync("QUIT");
        Assert.Equal("ana!plain@127.0.0.1", quit.Source);
        Assert.Equal(["bye all"], quit.Params);
    }

    [Fact]
    public async Task An_irc_user_leaving_the_lobby_is_seen_by_plain_users()
    {
        await using var server = InMemoryServer.Start();
        var plain = await server.ConnectPlainAsync();
        var alice = await server.RegisterIrcAsync("alice");
        await alice.JoinAsync("#lobby");
        await plain.ExpectAsync("* alice joined");

        await alice.SendAsync("PART #lobby :later");
        await plain.ExpectAsync("* alice left (later)");
        await alice.SendAsync("JOIN #lobby");
        await plain.ExpectAsync("* alice joined");
        await alice.SendAsync("QUIT");
        await plain.ExpectAsync("* alice left (Quit)");
    }

    [Fact]
    public async Task The_lobby_exists_while_someone_is_in_it_and_comes_back_with_its_own_settings()
    {
        await using var server = InMemoryServer.Start();
        var alice = await server.RegisterIrcAsync("alice");
        await alice.SendAsync("LIST");
        Assert.DoesNotContain(await alice.ReadUntilAsync(r => r.Command == "323"), r => r.Command == "322");
        await alice.SendAsync("LUSERS");
        Assert.Equal("0", (await alice.ReadUntilAsync(r => r.Command == "254"))[^1][1]);

        var plain = await server.ConnectPlainAsync();
        await alice.SendAsync("LIST");
        Assert.Equal([("#lobby", "1")], (await alice.ReadUntilAsync(r => r.Command == "323")).Where(r => r.Command == "322").Select(r => (r[1], r[2])));
        var join = await alice.JoinAsync("#lobby");
        Assert.Equal($"{plain.Nick} alice", join.Single(r => r.Command == "353").Last); // nobody is operator
        await alice.SendAsync("MODE #lobby");
        Assert.Equal(["alice", "#lobby", "+n"], (await alice.ExpectAsync("324")).Params);
        await alice.ExpectAsync("329");

        plain.Close();
        await alice.ExpectAsync("QUIT");
        await alice.SendAsync("TOPIC #lobby :anyone may set the lobby's topic");
        await alice.ExpectAsync("TOPIC");
        await alice.SendAsync("PART #lobby");
        await alice.ExpectAsync("PART");
        Assert.Null(server.Engine.FindChannel("#lobby"));

        // Back with the next arrival: an IRC user first this time, still no operator, no old topic.
        var join2 = await alice.JoinAsync("#LOBBY");
        Assert.Equal("alice", join2.Single(r => r.Command == "353").Last);
        Assert.DoesNotContain(join2, r => r.Command == "332");
        await server.ConnectPlainAsync();
        await alice.ExpectAsync("JOIN");
    }

    [Fact]
    public async Task The_lobby_s_name_is_configurable()
    {
        await using var server = InMemoryServer.Start(plain: p => p.Lobby = "#hall");
        var plain = await server.ConnectPlainAsync();
        var alice = await server.RegisterIrcAsync("alice");

        await alice.JoinAsync("#hall");
        await plain.ExpectAsync("* alice joined");
        await alice.SendAsync("PRIVMSG #hall :hi");
        await plain.ExpectAsync("alice: hi");
    }
}
