using Charla.Protocols.Irc;
using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests.Irc;

/// <summary>WHO (and WHOX), WHOIS, USERHOST, ISON, VERSION, TIME, MOTD, LUSERS.</summary>
public sealed class QueryTests
{
    [Fact]
    public async Task Who_lists_a_channel_with_flags_and_whox_returns_the_fields_asked_for()
    {
        await using var server = InMemoryServer.Start();
        var alice = await server.RegisterIrcAsync("alice");
        var bob = await server.RegisterIrcAsync("bob");
        await alice.JoinAsync("#c");
        await bob.JoinAsync("#c");
        await bob.SendAsync("AWAY :brb");
        await bob.ExpectAsync("306");

        await alice.SendAsync("WHO #c");
        var who = await alice.ReadUntilAsync(r => r.Command == "315");
        Assert.Equal(["alice", "#c", "~alice", "127.0.0.1", "charla.local", "alice", "H@", "0 The alice"], who[1].Params);
        Assert.Equal("G", who[2][6]);
        Assert.Equal(["alice", "#c", "End of WHO list"], who[^1].Params);

        await alice.SendAsync("WHO #c %tcnfr,42");
        var whox = await alice.ReadUntilAsync(r => r.Command == "315");
        Assert.Equal(["alice", "42", "#c", "alice", "H@", "The alice"], whox[0].Params);
        Assert.Equal("354", whox[0].Command);

        await alice.SendAsync("WHO bob");
        var one = await alice.ReadUntilAsync(r => r.Command == "315");
        Assert.Equal("bob", one[0][5]);
    }

    [Fact]
    public async Task Whois_answers_311_319_312_301_317_318_and_401_for_nobody()
    {
        await using var server = InMemoryServer.Start();
        var alice = await server.RegisterIrcAsync("alice");
        var bob = await server.RegisterIrcAsync("bob");
        await bob.JoinAsync("#c");
        await bob.SendAsync("AWAY :gone fishing");
        await bob.ExpectAsync("306");

        await alice.SendAsync("WHOIS bob");
        var whois = await alice.ReadUntilAsync(r => r.Command == "318");

        Assert.Equal(["311", "319", "312", "301", "317", "318"], whois.Select(r => r.Command));
        Assert.Equal(["alice", "bob", "~bob", "127.0.0.1", "*", "The bob"], whois[0].Params);
        Assert.Equal("@#c", whois[1].Last);
        Assert.Equal("gone fishing", whois[3].Last);

        await alice.SendAsync("WHOIS nobody");
        Assert.Equal(["alice", "nobody", "No such nick/channel"], (await alice.ExpectAsync("401")).Params);
        await alice.ExpectAsync("318");
    }

    [Fact]
    public async Task Userhost_ison_version_time_motd_and_lusers_answer()
    {
        await using var server = InMemoryServer.Start();
        var alice = await server.RegisterIrcAsync("alice");
        await server.RegisterIrcAsync("bob");

        await alice.SendAsync("USERHOST bob nobody alice");
        Assert.Equal("bob=+~bob@127.0.0.1 alice=+~alice@127.0.0.1", (await alice.ExpectAsync("302")).Last);
        await alice.SendAsync("ISON BOB nobody");
        Assert.Equal("bob", (await alice.ExpectAsync("303")).Last);
        await alice.SendAsync("VERSION");
        Assert.Equal(["alice", IrcServerInfo.Version, "charla.local", "Charla chat server"], (await alice.ExpectAsync("351")).Params);
        Assert.All(await alice.FenceAsync(), r => Assert.Equal("005", r.Command));
        await alice.SendAsync("TIME");
        Assert.Equal("charla.local", (await alice.ExpectAsync("391"))[1]);
        await alice.SendAsync("MOTD");
        await alice.ExpectAsync("422");
        await alice.SendAsync("LUSERS");
        Assert.Equal("There are 2 users and 0 invisible on 1 servers", (await alice.ExpectAsync("251")).Last);
    }

    [Fact]
    public async Task Whowas_remembers_who_left_or_renamed_and_406_when_nobody()
    {
        await using var server = InMemoryServer.Start();
        var alice = await server.RegisterIrcAsync("alice");
        var bob = await server.RegisterIrcAsync("bob");
        await bob.SendAsync("NICK robert");
        await bob.ExpectAsync("NICK");
        await bob.SendAsync("QUIT");
        await bob.ReadToEndAsync();

        await alice.SendAsync("WHOWAS bob");
        var whowas = await alice.ReadUntilAsync(r => r.Command == "369");
        Assert.Equal(["314", "312", "369"], whowas.Select(r => r.Command));
        Assert.Equal(["alice", "bob", "~bob", "127.0.0.1", "*", "The bob"], whowas[0].Params);
        Assert.Equal(["alice", "bob", "End of WHOWAS"], whowas[2].Params);

        await alice.SendAsync("WHOWAS robert");
        Assert.Equal("robert", (await alice.ExpectAsync("314"))[1]);
        await alice.ReadUntilAsync(r => r.Command == "369");

        await alice.SendAsync("WHOWAS nobody");
        Assert.Equal(["alice", "nobody", "There was no such nickname"], (await alice.ExpectAsync("406")).Params);
        await alice.ExpectAsync("369");
        await alice.SendAsync("WHOWAS");
        await alice.ExpectAsync("431");
    }

    [Fact]
    public async Task Info_and_admin_answer()
    {
        await using var server = InMemoryServer.Start(irc => irc.AdminEmail = "ops@example.org");
        var alice = await server.RegisterIrcAsync("alice");

        await alice.SendAsync("INFO");
        var info = await alice.ReadUntilAsync(r => r.Command == "374");
        Assert.All(info.SkipLast(1), r => Assert.Equal("371", r.Command));

        await alice.SendAsync("ADMIN");
        var admin = await alice.ReadUntilAsync(r => r.Command == "259");
        Assert.Equal(["256", "257", "258", "259"], admin.Select(r => r.Command));
        Assert.Equal("ops@example.org", admin[^1].Last);
    }

    [Fact]
    public async Task Lusers_counts_registered_users_visible_and_invisible_and_existing_channels()
    {
        await using var server = InMemoryServer.Start();
        var bar = await server.RegisterIrcAsync("bar");
        var probe = await server.ConnectIrcAsync();
        await probe.SendAsync("NICK probe");
        await probe.SendAsync("PING sync");
        await probe.ExpectAsync("PONG");

        var lusers = await LusersAsync(bar);
        Assert.Equal("There are 1 users and 0 invisible on 1 servers", lusers["251"].Last);
        Assert.Equal(["bar", "1", "unknown connection(s)"], lusers["253"].Params);
        Assert.Equal("0", lusers["254"][1]);
        Assert.Equal(["bar", "1", "1"], lusers["266"].Params.Take(3));

        await probe.SendAsync("QUIT");
        await probe.ReadToEndAsync();
        var qux = await server.RegisterIrcAsync("qux");
        await qux.SendAsync("MODE qux +i");
        await qux.ExpectAsync("MODE");
        await qux.JoinAsync("#c");
        lusers = await LusersAsync(bar);
        Assert.Equal("There are 1 users and 1 invisible on 1 servers", lusers["251"].Last);
        Assert.False(lusers.ContainsKey("253"));
        Assert.Equal("1", lusers["254"][1]);
        Assert.Equal(["bar", "2", "2"], lusers["265"].Params.Take(3));

        await qux.SendAsync("QUIT");
        await qux.ReadToEndAsync();
        lusers = await LusersAsync(bar);
        Assert.Equal("There are 1 users and 0 invisible on 1 servers", lusers["251"].Last);
        Assert.Equal(["bar", "1", "2"], lusers["266"].Params.Take(3));
        Assert.Equal("0", lusers["254"][1]);
    }

    private static async Task<Dictionary<string, IrcReply>> LusersAsync(IrcClient client)
    {
        await client.SendAsync("LUSERS");
        return (await client.ReadUntilAsync(r => r.Command == "266")).ToDictionary(r => r.Command);
    }

    [Fact]
    public async Task Links_lists_this_one_server()
    {
        await using var server = InMemoryServer.Start(irc => irc.ServerDescription = "test server");
        var nick = await server.RegisterIrcAsync("nick");

        await nick.SendAsync("LINKS");

        Assert.Equal(["nick", "charla.local", "charla.local", "0 test server"], (await nick.ExpectAsync("364")).Params);
        Assert.Equal(["nick", "*", "End of /LINKS list"], (await nick.ExpectAsync("365")).Params);
        await nick.SendAsync("WHOIS nick");
        Assert.Equal("test server", (await nick.ReadUntilAsync(r => r.Command == "312"))[^1].Last);
    }

    [Theory]
    [InlineData("INFO invalid.server.example")]
    [InlineData("VERSION invalidserver")]
    [InlineData("TIME nobody.example")]
    [InlineData("ADMIN x")]
    [InlineData("MOTD x.y")]
    public async Task A_server_target_other_than_this_server_gets_402(string line)
    {
        await using var server = InMemoryServer.Start();
        var nick = await server.RegisterIrcAsync("nick");

        await nick.SendAsync(line);
        Assert.Equal(["nick", line.Split(' ')[1], "No such server"], Assert.Single(await nick.FenceAsync()).Params);

        await nick.SendAsync(line.Split(' ')[0] + " charla.*");
        Assert.DoesNotContain(await nick.FenceAsync(), r => r.Command == "402");
        await nick.SendAsync(line.Split(' ')[0] + " nick"); // a user here names this server too
        Assert.DoesNotContain(await nick.FenceAsync(), r => r.Command == "402");
    }

    [Fact]
    public async Task Whowas_takes_a_mask_and_always_ends_with_369()
    {
        await using var server = InMemoryServer.Start();
        var nick1 = await server.RegisterIrcAsync("nick1");
        var nick2 = await server.RegisterIrcAsync("nick2");
        await nick2.SendAsync("QUIT");
        await nick2.ReadToEndAsync();

        await nick1.SendAsync("WHOWAS *ck2");
        var found = await nick1.ReadUntilAsync(r => r.Command == "369");
        Assert.Equal(["314", "312", "369"], found.Select(r => r.Command));
        Assert.Equal("nick2", found[0][1]);
        Assert.Equal(["nick1", "nick2", "End of WHOWAS"], found[^1].Params); // the one nick found, as for a nick

        await nick1.SendAsync("WHOWAS");
        Assert.Equal(["431", "369"], (await nick1.FenceAsync()).Select(r => r.Command));
    }

    [Fact]
    public async Task Whois_of_an_invisible_user_shows_only_the_channels_the_asker_shares()
    {
        await using var server = InMemoryServer.Start();
        var (one, two) = await server.IrcPairInChannelAsync("#both", "userOne", "userTwo");
        await one.JoinAsync("#own");
        await one.SendAsync("MODE userOne +i");
        await one.ExpectAsync("MODE");
        var stranger = await server.RegisterIrcAsync("stranger");

        await stranger.SendAsync("WHOIS userOne");
        Assert.DoesNotContain(await stranger.ReadUntilAsync(r => r.Command == "318"), r => r.Command == "319");
        await two.SendAsync("WHOIS userOne");
        Assert.Equal("@#both", (await two.ReadUntilAsync(r => r.Command == "318")).Single(r => r.Command == "319").Last);
        await one.SendAsync("WHOIS userOne");
        Assert.Equal(["@#both", "@#own"], (await one.ReadUntilAsync(r => r.Command == "318")).Single(r => r.Command == "319").Last.Split(' ').Order(StringComparer.Ordinal));
    }
}
