using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests.Irc;

/// <summary>draft/metadata-2 (github.com/ircv3/ircv3-specifications/pull/501): METADATA on users and channels.</summary>
public sealed class MetadataTests
{
    private static readonly string[] Caps = ["draft/metadata-2", "batch"];

    /// <summary>The lines between the batch's start and end, checking it is a batch of <paramref name="type"/>.</summary>
    private static async Task<List<IrcReply>> BatchAsync(IrcClient client, string type = "metadata")
    {
        var start = await client.ExpectAsync("BATCH");
        Assert.Equal(type, start[1]);
        var id = start[0][1..];
        var lines = await client.ReadUntilAsync(r => r.Command == "BATCH" && r[0] == "-" + id);
        lines.RemoveAt(lines.Count - 1);
        Assert.All(lines, r => Assert.StartsWith($"@batch={id} ", r.Raw, StringComparison.Ordinal));
        return lines;
    }

    /// <summary>foo and bar share #chan; bar subscribed to display-name and avatar.</summary>
    private static async Task<(InMemoryServer Server, IrcClient Foo, IrcClient Bar)> StartAsync()
    {
        var server = InMemoryServer.Start();
        var (foo, bar) = await server.IrcPairInChannelAsync("#chan", "foo", "bar", Caps);
        await bar.SendAsync("METADATA * SUB avatar display-name");
        Assert.Equal(["bar", "avatar", "display-name"], (await bar.ExpectAsync("770")).Params);
        return (server, foo, bar);
    }

    [Fact]
    public async Task The_cap_and_isupport_give_the_limits()
    {
        await using var server = InMemoryServer.Start();
        Assert.Equal("before-connect,max-subs=50,max-keys=20,max-value-bytes=300", server.Irc.CapabilityValues["draft/metadata-2"]);
        Assert.Contains("METADATA=20", server.Irc.ISupport);
    }

    [Fact]
    public async Task Get_answers_each_key_in_order_inside_a_batch()
    {
        await using var server = InMemoryServer.Start();
        var foo = await server.RegisterIrcAsync("foo", Caps);

        await foo.SendAsync("METADATA * GET display-name avatar");
        var replies = await BatchAsync(foo);
        Assert.Equal([["foo", "foo", "display-name", "key not set"], ["foo", "foo", "avatar", "key not set"]], replies.Select(r => r.Params));
        Assert.All(replies, r => Assert.Equal("766", r.Command));

        await foo.SendAsync("METADATA * LIST");
        Assert.Empty(await BatchAsync(foo));
    }

    [Theory]
    [InlineData("*", "*")]
    [InlineData("*", "foo")]
    [InlineData("foo", "*")]
    [InlineData("FOO", "foo")]
    public async Task Set_then_get_then_unset_one_s_own_key(string setTarget, string getTarget)
    {
        await using var server = InMemoryServer.Start();
        var foo = await server.RegisterIrcAsync("foo", Caps);

        await foo.SendAsync($"METADATA {setTarget} SET Display-Name :Foo The First \U0001f49c");
        Assert.Equal(["foo", "foo", "display-name", "*", "Foo The First \U0001f49c"], (await foo.ExpectAsync("761")).Params);
        await foo.SendAsync($"METADATA {getTarget} GET display-name");
        Assert.Equal(["foo", "foo", "display-name", "*", "Foo The First \U0001f49c"], Assert.Single(await BatchAsync(foo)).Params);

        await foo.SendAsync("METADATA * SET display-name");
        Assert.Equal(["foo", "foo", "display-name", "key not set"], (await foo.ExpectAsync("766")).Params);
        await foo.SendAsync("METADATA * LIST");
        Assert.Empty(await BatchAsync(foo));
    }

    [Fact]
    public async Task Others_read_a_user_s_keys_but_may_not_set_them_and_whois_shows_them()
    {
        var (server, foo, bar) = await StartAsync();
        await using (server)
        {
            await foo.SendAsync("METADATA bar SET display-name :Totally Not Foo");
            Assert.Equal(["METADATA", "KEY_NO_PERMISSION", "bar", "display-name"], (await foo.ExpectAsync("FAIL")).Params.Take(4));

            await bar.SendAsync("METADATA * SET homepage :https://example.org/bar");
            await bar.ExpectAsync("761");
            await foo.SendAsync("METADATA bar GET homepage");
            Assert.Equal("https://example.org/bar", Assert.Single(await BatchAsync(foo)).Last);
            await foo.SendAsync("WHOIS bar");
            Assert.Equal(["foo", "bar", "homepage", "*", "https://example.org/bar"], (await foo.ReadUntilAsync(r => r.Command == "318")).Single(r => r.Command == "760").Params);
        }
    }

    [Fact]
    public async Task Subscribers_sharing_a_channel_hear_of_changes_and_the_changer_does_not()
    {
        var (server, foo, bar) = await StartAsync();
        await using (server)
        {
            await foo.SendAsync("METADATA * SET display-name :Foo The First");
            await foo.ExpectAsync("761");
            var note = await bar.ExpectAsync("METADATA");
            Assert.Equal(["foo", "display-name", "*", "Foo The First"], note.Params);
            Assert.Equal("charla.local", note.Source);

            await foo.SendAsync("METADATA * SET homepage :not subscribed to");
            await foo.SendAsync("METADATA * SET display-name");
            await foo.FenceAsync();
            Assert.Equal([["foo", "display-name", "*"]], (await bar.FenceAsync()).Select(r => r.Params)); // a removal: no value
            Assert.Empty(await foo.FenceAsync());
        }
    }

    [Fact]
    public async Task A_joiner_gets_the_channel_s_and_members_subscribed_keys_once_and_outsiders_hear_nothing()
    {
        await using var server = InMemoryServer.Start();
        var foo = await server.RegisterIrcAsync("foo", Caps);
        var bar = await server.RegisterIrcAsync("bar", Caps);
        await bar.SendAsync("METADATA * SUB display-name avatar");
        await bar.ExpectAsync("770");
        await foo.JoinAsync("#chan");
        await foo.SendAsync("METADATA * SET display-name :Foo The First");
        await foo.SendAsync("METADATA #chan SET display-name :Hash Channel");
        await foo.SendAsync("METADATA #chan SET homepage :unsubscribed");
        await foo.FenceAsync();
        Assert.Empty(await bar.FenceAsync());

        var joined = await bar.JoinAsync("#chan");
        joined.AddRange(await bar.FenceAsync());
        Assert.Equal([["#chan", "display-name", "*", "Hash Channel"], ["foo", "display-name", "*", "Foo The First"]],
            joined.Where(r => r.Command == "METADATA").Select(r => r.Params));
    }

    [Fact]
    public async Task Channel_keys_are_set_by_its_operators_and_told_to_subscribed_members()
    {
        var (server, foo, bar) = await StartAsync();
        await using (server)
        {
            await bar.SendAsync("METADATA #chan SET display-name :Sharp Channel");
            Assert.Equal(["METADATA", "KEY_NO_PERMISSION", "#chan", "display-name"], (await bar.ExpectAsync("FAIL")).Params.Take(4));
            Assert.Empty(await foo.FenceAsync());

            await foo.SendAsync("METADATA #chan SET display-name :Hash Channel");
            Assert.Equal(["foo", "#chan", "display-name", "*", "Hash Channel"], (await foo.ExpectAsync("761")).Params);
            Assert.Equal(["#chan", "display-name", "*", "Hash Channel"], (await bar.ExpectAsync("METADATA")).Params);
            await bar.SendAsync("METADATA #chan GET display-name");
            Assert.Equal("Hash Channel", Assert.Single(await BatchAsync(bar)).Last);

            await foo.SendAsync("METADATA #chan CLEAR");
            Assert.Equal([["foo", "#chan", "display-name", "key not set"]], (await BatchAsync(foo)).Select(r => r.Params));
            Assert.Equal(["#chan", "display-name", "*"], (await bar.ExpectAsync("METADATA")).Params);
        }
    }

    [Fact]
    public async Task A_watcher_who_subscribed_hears_of_a_monitored_user_s_changes()
    {
        await using var server = InMemoryServer.Start();
        var foo = await server.RegisterIrcAsync("foo", Caps);
        var watcher = await server.RegisterIrcAsync("watcher", Caps);
        await watcher.SendAsync("METADATA * SUB avatar");
        await watcher.SendAsync("MONITOR + foo");
        await watcher.ReadUntilAsync(r => r.Command == "730");

        await foo.SendAsync("METADATA * SET avatar :https://example.org/foo.png");
        await foo.FenceAsync();

        Assert.Equal([["foo", "avatar", "*", "https://example.org/foo.png"]], (await watcher.FenceAsync()).Select(r => r.Params));
    }

    [Fact]
    public async Task Subscriptions_are_listed_removed_limited_and_checked()
    {
        await using var server = InMemoryServer.Start();
        var bar = await server.RegisterIrcAsync("bar", Caps);

        await bar.SendAsync("METADATA * SUB avatar bad!key display-name");
        var replies = await bar.FenceAsync();
        Assert.Equal(["METADATA", "KEY_INVALID", "bad!key"], replies.Single(r => r.Command == "FAIL").Params.Take(3));
        Assert.Equal(["bar", "avatar", "display-name"], replies.Single(r => r.Command == "770").Params);

        await bar.SendAsync("METADATA * SUBS");
        Assert.Equal([["bar", "avatar", "display-name"]], (await BatchAsync(bar, "metadata-subs")).Select(r => r.Params));
        await bar.SendAsync("METADATA * UNSUB avatar");
        Assert.Equal(["bar", "avatar"], (await bar.ExpectAsync("771")).Params);

        await bar.SendAsync("METADATA * SUB " + string.Join(' ', Enumerable.Range(0, 60).Select(i => $"key{i}")));
        var full = await bar.FenceAsync();
        Assert.Equal(["METADATA", "TOO_MANY_SUBS", "key49"], full.Single(r => r.Command == "FAIL").Params.Take(3));
        Assert.Equal(49, full.Where(r => r.Command == "770").Sum(r => r.Params.Count - 1));
    }

    [Theory]
    [InlineData("METADATA foobar LIST", "INVALID_TARGET")]
    [InlineData("METADATA #nowhere GET avatar", "INVALID_TARGET")]
    [InlineData("METADATA * SET bad!key :x", "KEY_INVALID")]
    [InlineData("METADATA * FROB", "SUBCOMMAND_INVALID")]
    public async Task Bad_requests_get_one_fail_and_nothing_else(string line, string code)
    {
        await using var server = InMemoryServer.Start();
        var foo = await server.RegisterIrcAsync("foo", Caps);

        await foo.SendAsync(line);

        Assert.Equal(["METADATA", code], Assert.Single(await foo.FenceAsync()).Params.Take(2));
    }

    [Fact]
    public async Task Invalid_values_are_refused_with_one_fail_and_nobody_hears_of_them()
    {
        var (server, foo, bar) = await StartAsync();
        await using (server)
        {
            await foo.SendRawAsync([.. "METADATA * SET display-name :invalid UTF-8 ->"u8, 0xC3, (byte)'<', (byte)'-', (byte)'\r', (byte)'\n']);
            Assert.Equal(["METADATA", "INVALID_UTF8"], Assert.Single(await foo.FenceAsync()).Params.Take(2));
            await foo.SendAsync("METADATA * SET display-name :" + new string('x', 301));
            Assert.Equal(["METADATA", "VALUE_INVALID"], Assert.Single(await foo.FenceAsync()).Params.Take(2));
            await foo.SendAsync("METADATA * SET display-name :" + string.Concat(Enumerable.Repeat("\U0001f49c", 76)));
            Assert.Equal("VALUE_INVALID", Assert.Single(await foo.FenceAsync())[1]);
            Assert.Empty(await bar.FenceAsync());
        }
    }

    [Fact]
    public async Task Past_the_key_limit_set_gets_limit_reached()
    {
        await using var server = InMemoryServer.Start(limits: l => l.MaxMetadataKeys = 2);
        var foo = await server.RegisterIrcAsync("foo", Caps);

        await foo.SendAsync("METADATA * SET a :1");
        await foo.SendAsync("METADATA * SET b :2");
        await foo.SendAsync("METADATA * SET a :one"); // a change, not a new key
        await foo.SendAsync("METADATA * SET c :3");

        var replies = await foo.FenceAsync();
        Assert.Equal(["761", "761", "761", "FAIL"], replies.Select(r => r.Command));
        Assert.Equal(["METADATA", "LIMIT_REACHED", "foo"], replies[^1].Params.Take(3));
    }

    [Fact]
    public async Task Keys_set_before_registration_come_in_a_batch_in_the_welcome()
    {
        await using var server = InMemoryServer.Start();
        var client = server.ConnectIrc();
        await client.SendAsync("CAP LS 302");
        await client.SendAsync("CAP REQ :draft/metadata-2 batch");
        await client.ReadUntilAsync(r => r.Command == "CAP" && r[1] == "ACK");

        await client.SendAsync("METADATA * SET display-name :Foo The First");
        Assert.Equal(["*", "*", "display-name", "*", "Foo The First"], (await client.ExpectAsync("761")).Params);
        await client.SendAsync("NICK foo");
        await client.SendAsync("USER foo 0 * :foo");
        await client.SendAsync("CAP END");

        var burst = await client.ReadUntilAsync(r => r.Command is "376" or "422");
        var start = burst.FindIndex(r => r.Command == "BATCH" && r[1] == "metadata");
        Assert.Equal(["+" + burst[start][0][1..], "metadata", "foo"], burst[start].Params);
        Assert.Equal(["foo", "display-name", "*", "Foo The First"], burst[start + 1].Params);
        Assert.Equal("METADATA", burst[start + 1].Command);
        Assert.Equal("-" + burst[start][0][1..], burst[start + 2][0]);
    }

    [Fact]
    public async Task Sync_sends_the_subscribed_keys_of_a_channel_and_its_members()
    {
        var (server, foo, bar) = await StartAsync();
        await using (server)
        {
            await foo.SendAsync("METADATA * SET avatar :https://example.org/a.png");
            await foo.SendAsync("METADATA #chan SET display-name :Hash");
            await foo.FenceAsync();
            await bar.FenceAsync();

            await bar.SendAsync("METADATA #chan SYNC");

            Assert.Equal([["#chan", "display-name", "*", "Hash"], ["foo", "avatar", "*", "https://example.org/a.png"]], (await BatchAsync(bar)).Select(r => r.Params));
        }
    }

    [Fact]
    public async Task Without_the_cap_metadata_is_refused_and_dropping_it_clears_subscriptions()
    {
        await using var server = InMemoryServer.Start();
        var plain = await server.RegisterIrcAsync("plain");
        await plain.SendAsync("METADATA * GET avatar");
        Assert.Equal("FAIL", (await plain.ExpectAsync("FAIL")).Command);

        var bar = await server.RegisterIrcAsync("bar", Caps);
        await bar.SendAsync("METADATA * SUB avatar");
        await bar.ExpectAsync("770");
        await bar.SendAsync("CAP REQ :-batch");
        await bar.ExpectAsync("CAP");
        await bar.SendAsync("CAP REQ :batch");
        await bar.ExpectAsync("CAP");
        await bar.SendAsync("METADATA * SUBS");
        Assert.Empty(await BatchAsync(bar, "metadata-subs"));
    }
}
