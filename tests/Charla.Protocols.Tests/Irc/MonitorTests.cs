using Charla.Protocols.Irc;
using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests.Irc;

/// <summary>MONITOR (ircv3.net/specs/extensions/monitor) and draft/extended-monitor.</summary>
public sealed class MonitorTests
{
    [Fact]
    public async Task A_watched_nick_is_offline_then_comes_online_then_leaves()
    {
        await using var server = InMemoryServer.Start();
        var foo = await server.RegisterIrcAsync("foo");

        await foo.SendAsync("MONITOR + bar");
        Assert.Equal(["foo", "bar"], (await foo.ExpectAsync("731")).Params);
        var bar = await server.RegisterIrcAsync("bar", "setname");
        Assert.Equal(["*", "bar!~bar@127.0.0.1"], (await foo.ExpectAsync("730")).Params);
        await bar.SendAsync("QUIT :bye");
        Assert.Equal(["*", "bar"], (await foo.ExpectAsync("731")).Params);

        var plain = await server.ConnectPlainAsync();
        await plain.SendLineAsync("/nick bar");
        Assert.Equal(["*", "bar!plain@127.0.0.1"], (await foo.ExpectAsync("730")).Params); // plain-mode users are users too
    }

    [Fact]
    public async Task Adding_online_and_offline_nicks_answers_730_and_731_and_masks_are_ignored()
    {
        await using var server = InMemoryServer.Start();
        var foo = await server.RegisterIrcAsync("foo");
        await server.RegisterIrcAsync("bar");

        await foo.SendAsync("MONITOR + bar,baz,*!user@127.0.0.1");

        var replies = await foo.FenceAsync();
        Assert.Equal([("730", "bar!~bar@127.0.0.1"), ("731", "baz")], replies.Select(r => (r.Command, r.Last)));
        await foo.SendAsync("MONITOR L");
        Assert.Equal(["bar,baz"], (await foo.ReadUntilAsync(r => r.Command == "733")).Where(r => r.Command == "732").Select(r => string.Join(',', r.Last.Split(',').Order(StringComparer.Ordinal))));
    }

    [Fact]
    public async Task Removing_and_clearing_answer_nothing_and_stop_the_notifications()
    {
        await using var server = InMemoryServer.Start();
        var foo = await server.RegisterIrcAsync("foo");
        var other = await server.RegisterIrcAsync("other");
        await foo.SendAsync("MONITOR + bar,qux");
        await other.SendAsync("MONITOR + qux");
        await foo.FenceAsync();
        await other.FenceAsync();

        await foo.SendAsync("MONITOR - bar");
        Assert.Empty(await foo.FenceAsync());
        await other.SendAsync("MONITOR C");
        Assert.Empty(await other.FenceAsync());
        await server.RegisterIrcAsync("bar");
        await server.RegisterIrcAsync("qux");

        Assert.Equal(["qux!~qux@127.0.0.1"], (await foo.FenceAsync()).Select(r => r.Last));
        Assert.Empty(await other.FenceAsync());
        await other.SendAsync("MONITOR L");
        Assert.Equal("733", (await other.ExpectAsync("733")).Command);
    }

    [Fact]
    public async Task Status_lists_each_watched_nick_online_or_offline()
    {
        await using var server = InMemoryServer.Start();
        var foo = await server.RegisterIrcAsync("foo");
        await server.RegisterIrcAsync("bar");
        await foo.SendAsync("MONITOR + bar,baz");
        await foo.FenceAsync();

        await foo.SendAsync("MONITOR S");

        Assert.Equal([("730", "bar!~bar@127.0.0.1"), ("731", "baz")], (await foo.FenceAsync()).Select(r => (r.Command, r.Last)));
    }

    [Fact]
    public async Task A_rename_onto_a_watched_nick_is_online_off_it_offline_and_a_change_of_case_is_nothing()
    {
        await using var server = InMemoryServer.Start();
        var bar = await server.RegisterIrcAsync("bar", "setname");
        await bar.SendAsync("MONITOR + qux");
        await bar.FenceAsync();
        var baz = await server.RegisterIrcAsync("baz");
        Assert.Empty(await bar.FenceAsync());

        await baz.SendAsync("NICK qux");
        await baz.FenceAsync();
        Assert.Equal([("730", "qux!~baz@127.0.0.1")], (await bar.FenceAsync()).Select(r => (r.Command, r.Last)));
        await baz.SendAsync("NICK QUX");
        await baz.FenceAsync();
        Assert.Empty(await bar.FenceAsync());
        await baz.SendAsync("NICK bazbat");
        await baz.FenceAsync();
        Assert.Equal([("731", "QUX")], (await bar.FenceAsync()).Select(r => (r.Command, r.Last)));
    }

    [Fact]
    public async Task Past_the_advertised_limit_734_names_the_nicks_that_did_not_fit()
    {
        await using var server = InMemoryServer.Start(limits: l => l.MaxMonitorEntries = 2);
        var foo = await server.RegisterIrcAsync("foo");
        Assert.Contains(server.Irc.ISupport, t => t == "MONITOR=2");

        await foo.SendAsync("MONITOR + a,b,c,d");

        var replies = await foo.FenceAsync();
        Assert.Equal(["foo", "2", "c,d", "Monitor list is full"], replies.Single(r => r.Command == "734").Params);
        Assert.Equal("a,b", replies.Single(r => r.Command == "731").Last);
    }

    [Fact]
    public async Task A_long_list_comes_in_several_lines_within_512_bytes()
    {
        await using var server = InMemoryServer.Start();
        var foo = await server.RegisterIrcAsync("foo");
        var nicks = Enumerable.Range(0, 100).Select(i => $"someone{i:D3}with_a_long_nick").ToList();

        foreach (var chunk in nicks.Chunk(15))
        {
            await foo.SendAsync("MONITOR + " + string.Join(',', chunk));
        }

        var offline = (await foo.FenceAsync()).Where(r => r.Command == "731").SelectMany(r => r.Last.Split(','));
        Assert.Equal(nicks, offline);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Extended_monitor_tells_a_watcher_of_away_setname_and_chghost_when_it_has_those_caps(bool watchBeforeConnect)
    {
        await using var server = InMemoryServer.Start(irc => irc.Operators = [new IrcOperator { Name = "root", PasswordHash = TestPasswords.Hash("pw") }]);
        var foo = await server.RegisterIrcAsync("foo", Capabilities.ExtendedMonitor, "away-notify", "setname", "chghost");
        var without = await server.RegisterIrcAsync("without", "away-notify", "setname", "chghost");
        IrcClient bar;
        if (watchBeforeConnect)
        {
            await foo.SendAsync("MONITOR + bar");
            await without.SendAsync("MONITOR + bar");
            await foo.ReadUntilAsync(r => r.Command == "731"); // watching, before bar exists
            await without.ReadUntilAsync(r => r.Command == "731");
            bar = await server.RegisterIrcAsync("bar", "setname");
        }
        else
        {
            bar = await server.RegisterIrcAsync("bar", "setname");
            await foo.SendAsync("MONITOR + bar");
            await without.SendAsync("MONITOR + bar");
        }

        Assert.Equal("730", (await foo.ReadUntilAsync(r => r.Command == "730"))[^1].Command);
        await without.ReadUntilAsync(r => r.Command == "730");

        await bar.SendAsync("AWAY :afk");
        await bar.SendAsync("AWAY");
        await bar.SendAsync("SETNAME :new name");
        await bar.SendAsync("OPER root pw");
        await bar.SendAsync("CHGHOST bar user example.org");
        await bar.FenceAsync();

        var seen = (await foo.FenceAsync()).Select(r => $"{r.Source} {r.Command} {string.Join(' ', r.Params)}");
        Assert.Equal(["bar!~bar@127.0.0.1 AWAY afk", "bar!~bar@127.0.0.1 AWAY ", "bar!~bar@127.0.0.1 SETNAME new name", "bar!~bar@127.0.0.1 CHGHOST user example.org"], seen);
        Assert.Empty(await without.FenceAsync()); // no extended-monitor: nothing
    }

    [Fact]
    public async Task Extended_monitor_needs_the_event_s_own_cap_and_sends_nothing_twice_to_a_channel_peer()
    {
        await using var server = InMemoryServer.Start();
        var foo = await server.RegisterIrcAsync("foo", Capabilities.ExtendedMonitor, "away-notify");
        var (peer, bar) = await server.IrcPairInChannelAsync("#c", "peer", "bar", Capabilities.ExtendedMonitor, "away-notify");
        await foo.SendAsync("MONITOR + bar");
        await peer.SendAsync("MONITOR + bar");
        await foo.FenceAsync();
        await peer.FenceAsync();

        await bar.SendAsync("SETNAME :no cap for this");
        await bar.SendAsync("AWAY :afk");
        await bar.FenceAsync();

        Assert.Equal(["AWAY afk"], (await foo.FenceAsync()).Select(r => $"{r.Command} {r.Last}"));
        Assert.Equal(["AWAY afk"], (await peer.FenceAsync()).Select(r => $"{r.Command} {r.Last}"));
    }
}
