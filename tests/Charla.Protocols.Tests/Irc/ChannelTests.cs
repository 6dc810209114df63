using System.Text;
using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests.Irc;

/// <summary>JOIN, PART, NAMES, TOPIC, MODE and LIST, with their numerics.</summary>
public sealed class ChannelTests
{
    [Fact]
    public async Task Join_echoes_then_names_with_the_first_joiner_as_operator()
    {
        await using var server = InMemoryServer.Start();
        var alice = await server.RegisterIrcAsync("alice");
        var bob = await server.RegisterIrcAsync("bob");

        var first = await alice.JoinAsync("#Chat");
        Assert.Equal(["JOIN", "353", "366"], first.Select(r => r.Command));
        Assert.Equal("alice!~alice@127.0.0.1", first[0].Source);
        Assert.Equal(["#Chat"], first[0].Params);
        Assert.Equal(["alice", "=", "#Chat", "@alice"], first[1].Params);
        Assert.Equal(["alice", "#Chat", "End of /NAMES list"], first[2].Params);

        var second = await bob.JoinAsync("#chat");
        Assert.Equal(["bob", "=", "#Chat", "@alice bob"], second[1].Params);
        var seen = await alice.ExpectAsync("JOIN");
        Assert.Equal("bob!~bob@127.0.0.1", seen.Source);
    }

    [Fact]
    public async Task Names_of_a_big_channel_come_in_several_lines_each_within_512_bytes()
    {
        await using var server = InMemoryServer.Start();
        var nicks = Enumerable.Range(0, 40).Select(i => $"member{i:D2}_with_a_long_nick").ToList();
        var members = new List<IrcClient>();
        foreach (var nick in nicks)
        {
            var member = await server.RegisterIrcAsync(nick);
            await member.JoinAsync("#big");
            members.Add(member);
        }

        var late = await server.RegisterIrcAsync("late");
        var names = (await late.JoinAsync("#big")).Where(r => r.Command == "353").ToList();

        Assert.True(names.Count >= 3, $"{names.Count} RPL_NAMREPLY lines for 41 long nicks");
        Assert.All(names, r => Assert.True(Encoding.UTF8.GetByteCount(r.Raw) + 2 <= 512, r.Raw));
        Assert.All(names, r => Assert.Equal(["late", "=", "#big"], r.Params.Take(3)));
        Assert.Equal(["late", .. nicks], names.SelectMany(r => r.Last.Split(' ')).Select(n => n.TrimStart('@')).Order(StringComparer.Ordinal));
        foreach (var member in members)
        {
            await member.DisposeAsync();
        }
    }

    [Fact]
    public async Task Join_several_channels_and_join_0_parts_them_all()
    {
        await using var server = InMemoryServer.Start();
        var alice = await server.RegisterIrcAsync("alice");

        await alice.SendAsync("JOIN #a,#b key1,key2");
        var replies = await alice.ReadUntilAsync(r => r.Command == "366" && r[1] == "#b");
        Assert.Equal(2, replies.Count(r => r.Command == "JOIN"));

        await alice.SendAsync("JOIN 0");
        var parts = await alice.FenceAsync();
        Assert.Equal(["#a", "#b"], parts.Where(r => r.Command == "PART").Select(r => r[0]).Order());
    }

    [Theory]
    [InlineData("nohash")]
    [InlineData("#bell\u0007")]
    [InlineData("#")]
    public async Task A_bad_channel_name_gets_403(string name)
    {
        await using var server = InMemoryServer.Start();
        var alice = await server.RegisterIrcAsync("alice");

        await alice.SendAsync($"JOIN {name}");

        var error = await alice.ExpectAsync("403");
        Assert.Equal("No such channel", error.Last);
    }

    [Fact]
    public async Task Joining_more_than_the_channel_limit_gets_405()
    {
        await using var server = InMemoryServer.Start(limits: l => l.MaxChannelsPerUser = 2);
        var alice = await server.RegisterIrcAsync("alice");
        await alice.JoinAsync("#one");
        await alice.JoinAsync("#two");

        await alice.SendAsync("JOIN #three");

        Assert.Equal(["alice", "#three", "You have joined too many channels"], (await alice.ExpectAsync("405")).Params);
    }

    [Fact]
    public async Task Part_is_seen_by_all_and_errors_are_403_and_442()
    {
        await using var server = InMemoryServer.Start();
        var (alice, bob) = await server.IrcPairInChannelAsync("#c", "alice", "bob");

        await bob.SendAsync("PART #c :see you");
        Assert.Equal(["#c", "see you"], (await bob.ExpectAsync("PART")).Params);
        Assert.Equal(["#c", "see you"], (await alice.ExpectAsync("PART")).Params);

        await bob.SendAsync("PART #c");
        Assert.Equal(["bob", "#c", "You're not on that channel"], (await bob.ExpectAsync("442")).Params);
        await bob.SendAsync("PART #nowhere");
        Assert.Equal(["bob", "#nowhere", "No such channel"], (await bob.ExpectAsync("403")).Params);
    }

    [Fact]
    public async Task Topic_is_queried_set_by_operators_and_refused_to_others()
    {
        await using var server = InMemoryServer.Start();
        var (alice, bob) = await server.IrcPairInChannelAsync("#c", "alice", "bob");

        await alice.SendAsync("TOPIC #c");
        Assert.Equal(["alice", "#c", "No topic is set"], (await alice.ExpectAsync("331")).Params);

        await bob.SendAsync("TOPIC #c :mine now");
        Assert.Equal(["bob", "#c", "You're not channel operator"], (await bob.ExpectAsync("482")).Params);

        await alice.SendAsync("TOPIC #c :Release on Friday");
        Assert.Equal(["#c", "Release on Friday"], (await alice.ExpectAsync("TOPIC")).Params);
        Assert.Equal("alice!~alice@127.0.0.1", (await bob.ExpectAsync("TOPIC")).Source);

        await bob.SendAsync("TOPIC #c");
        Assert.Equal(["bob", "#c", "Release on Friday"], (await bob.ExpectAsync("332")).Params);
        var whoTime = await bob.ExpectAsync("333");
        Assert.Equal(["bob", "#c", "alice"], whoTime.Params.Take(3));
        Assert.True(long.Parse(whoTime[3], System.Globalization.CultureInfo.InvariantCulture) > 1_700_000_000);

        var carol = await server.RegisterIrcAsync("carol");
        var join = await carol.JoinAsync("#c");
        Assert.Equal(["JOIN", "332", "333", "353", "366"], join.Select(r => r.Command));
    }

    [Fact]
    public async Task Mode_query_and_operator_changes_with_their_errors()
    {
        await using var server = InMemoryServer.Start();
        var alice = await server.RegisterIrcAsync("alice");
        var bob = await server.RegisterIrcAsync("bob");
        var carol = await server.RegisterIrcAsync("carol");
        await alice.JoinAsync("#c");
        await bob.JoinAsync("#c");
        await alice.ExpectAsync("JOIN");

        await bob.SendAsync("MODE #c");
        Assert.Equal(["bob", "#c", "+nt"], (await bob.ExpectAsync("324")).Params);
        await bob.ExpectAsync("329");
        await bob.SendAsync("MODE #c b");
        Assert.Equal(["bob", "#c", "End of channel ban list"], (await bob.ExpectAsync("368")).Params);

        await bob.SendAsync("MODE #c +o bob");
        Assert.Equal(["bob", "#c", "You're not channel operator"], (await bob.ExpectAsync("482")).Params);
        await alice.SendAsync("MODE #c +o carol");
        Assert.Equal(["alice", "carol", "#c", "They aren't on that channel"], (await alice.ExpectAsync("441")).Params);
        await alice.SendAsync("MODE #c +o nobody");
        await alice.ExpectAsync("401");
        await alice.SendAsync("MODE #c +z");
        Assert.Equal(["alice", "z", "is unknown mode char to me"], (await alice.ExpectAsync("472")).Params);

        await alice.SendAsync("MODE #c +o bob");
        Assert.Equal(["#c", "+o", "bob"], (await alice.ExpectAsync("MODE")).Params);
        Assert.Equal("alice!~alice@127.0.0.1", (await bob.ExpectAsync("MODE")).Source);
        await carol.SendAsync("NAMES #c");
        Assert.Equal("@alice @bob", (await carol.ExpectAsync("353")).Last);
        await carol.SendAsync("MODE #nowhere");
        await carol.ExpectAsync("366");
        await carol.ExpectAsync("403");
    }

    [Fact]
    public async Task User_mode_i_is_set_and_shown_and_others_are_refused()
    {
        await using var server = InMemoryServer.Start();
        var alice = await server.RegisterIrcAsync("alice");
        await server.RegisterIrcAsync("bob");

        await alice.SendAsync("MODE alice +i");
        Assert.Equal(["alice", "+i"], (await alice.ExpectAsync("MODE")).Params);
        await alice.SendAsync("MODE alice");
        Assert.Equal(["alice", "+i"], (await alice.ExpectAsync("221")).Params);
        await alice.SendAsync("MODE bob +i");
        await alice.ExpectAsync("502");
        await alice.SendAsync("MODE alice +Z");
        await alice.ExpectAsync("501");
    }

    [Fact]
    public async Task List_shows_channels_with_counts_and_topics_and_filters_by_size()
    {
        await using var server = InMemoryServer.Start();
        var alice = await server.RegisterIrcAsync("alice");
        var bob = await server.RegisterIrcAsync("bob");
        await alice.JoinAsync("#big");
        await bob.JoinAsync("#big");
        await alice.JoinAsync("#small");

        await alice.SendAsync("LIST");
        var list = await alice.ReadUntilAsync(r => r.Command == "323");
        Assert.Equal("321", list[0].Command);
        Assert.Equal([("#big", "2"), ("#small", "1")], list.Where(r => r.Command == "322").Select(r => (r[1], r[2])));

        await alice.SendAsync("LIST >1");
        var big = await alice.ReadUntilAsync(r => r.Command == "323");
        Assert.Equal(["#big"], big.Where(r => r.Command == "322").Select(r => r[1]));
    }

    [Fact]
    public async Task Limits_are_configurable_advertised_and_enforced()
    {
        await using var server = InMemoryServer.Start(irc =>
        {
            irc.TopicLength = 10;
            irc.ChannelLength = 8;
            irc.MaxTargets = 2;
        });
        var alice = await server.ConnectIrcAsync();
        var burst = await alice.RegisterAsync("alice");
        var isupport = burst.Where(r => r.Command == "005").SelectMany(r => r.Params).ToList();
        Assert.Contains("TOPICLEN=10", isupport);
        Assert.Contains("CHANNELLEN=8", isupport);
        Assert.Contains("MAXTARGETS=2", isupport);

        await alice.SendAsync("JOIN #toolong1");
        await alice.ExpectAsync("403");
        await alice.JoinAsync("#short");
        await alice.SendAsync("TOPIC #short :0123456789abcdef");
        Assert.Equal(["#short", "0123456789"], (await alice.ExpectAsync("TOPIC")).Params);
        await alice.SendAsync("PRIVMSG a,b,c :hi");
        await alice.ExpectAsync("407");
    }
}
