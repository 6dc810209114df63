using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests.Irc;

/// <summary>IRCv3: message-tags (msgid, client tags, TAGMSG), server-time, echo-message, extended-join, away-notify, invite-notify, setname.</summary>
public sealed class CapabilityTests
{
    private static async Task<(InMemoryServer Server, IrcClient Tagged, IrcClient Plain)> TwoInChannelAsync(params string[] caps)
    {
        var server = InMemoryServer.Start();
        var tagged = await server.RegisterIrcAsync("tagged", caps);
        var untagged = await server.RegisterIrcAsync("untagged");
        await tagged.JoinAsync("#c");
        await untagged.JoinAsync("#c");
        await tagged.ReadUntilAsync(r => r.Command == "JOIN");
        return (server, tagged, untagged);
    }

    private static Dictionary<string, string> TagsOf(IrcReply reply)
    {
        Assert.StartsWith("@", reply.Raw, StringComparison.Ordinal);
        return reply.Raw[1..reply.Raw.IndexOf(' ', StringComparison.Ordinal)].Split(';')
            .Select(t => t.Split('=', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty);
    }

    [Fact]
    public async Task Server_time_and_msgid_are_sent_to_those_who_asked_and_echo_carries_the_same_msgid()
    {
        var (server, tagged, untagged) = await TwoInChannelAsync("message-tags", "server-time", "echo-message");
        await using (server)
        {
            server.Time.Advance(TimeSpan.FromMilliseconds(1234));
            await untagged.SendAsync("PRIVMSG #c :hi");
            var got = await tagged.ExpectAsync("PRIVMSG");
            var tags = TagsOf(got);
            Assert.Equal("2026-01-01T12:00:01.234Z", tags["time"]); // the server's clock, to the millisecond
            Assert.NotEmpty(tags["msgid"]);

            await tagged.SendAsync("PRIVMSG #c :echo me");
            var echo = await tagged.ExpectAsync("PRIVMSG");
            var relayed = await untagged.ExpectAsync("PRIVMSG");
            Assert.Equal(["#c", "echo me"], echo.Params);
            Assert.DoesNotContain("@", relayed.Raw[..1], StringComparison.Ordinal); // no tags for a client that did not ask
            Assert.NotEqual(tags["msgid"], TagsOf(echo)["msgid"]);
        }
    }

    [Fact]
    public async Task Client_tags_and_tagmsg_reach_only_clients_with_message_tags()
    {
        var server = InMemoryServer.Start();
        await using (server)
        {
            var sender = await server.RegisterIrcAsync("sender", "message-tags");
            var reader = await server.RegisterIrcAsync("reader", "message-tags");
            var old = await server.RegisterIrcAsync("old");
            foreach (var c in new[] { sender, reader, old })
            {
                await c.JoinAsync("#c");
            }

            await sender.FenceAsync();
            await reader.FenceAsync();
            await sender.SendAsync("@+draft/reply=abc;+example=with\\sspace;notclient=x PRIVMSG #c :tagged text");
            await sender.SendAsync("@+typing=active TAGMSG #c");

            var message = await reader.ExpectAsync("PRIVMSG");
            var tags = TagsOf(message);
            Assert.Equal("abc", tags["+draft/reply"]);
            Assert.Equal("with\\sspace", tags["+example"]);
            Assert.False(tags.ContainsKey("notclient"));
            var tagmsg = await reader.ExpectAsync("TAGMSG");
            Assert.Equal("active", TagsOf(tagmsg)["+typing"]);
            Assert.Equal(["#c"], tagmsg.Params);

            var plain = await old.ExpectAsync("PRIVMSG");
            Assert.Equal(":sender!~sender@127.0.0.1 PRIVMSG #c :tagged text", plain.Raw);
            Assert.Empty(await old.FenceAsync()); // no TAGMSG for it
        }
    }

    [Fact]
    public async Task Extended_join_carries_account_and_real_name()
    {
        var server = InMemoryServer.Start();
        await using (server)
        {
            var watcher = await server.RegisterIrcAsync("watcher", "extended-join");
            await watcher.JoinAsync("#c");
            var joiner = await server.RegisterIrcAsync("joiner");
            await joiner.JoinAsync("#c");

            Assert.Equal(["#c", "*", "The joiner"], (await watcher.ExpectAsync("JOIN")).Params);
        }
    }

    [Fact]
    public async Task Away_notify_tells_channel_peers_who_asked()
    {
        var (server, tagged, untagged) = await TwoInChannelAsync("away-notify");
        await using (server)
        {
            await untagged.SendAsync("AWAY :lunch");
            var away = await tagged.ExpectAsync("AWAY");
            Assert.Equal("untagged!~untagged@127.0.0.1", away.Source);
            Assert.Equal(["lunch"], away.Params);
            await untagged.SendAsync("AWAY");
            Assert.Empty((await tagged.ExpectAsync("AWAY")).Params);

            await tagged.SendAsync("AWAY :me too");
            await tagged.ExpectAsync("306");
            Assert.Equal("306", (await untagged.ReadUntilAsync(r => r.Command == "305"))[0].Command);
            Assert.Empty(await untagged.FenceAsync());
        }
    }

    [Fact]
    public async Task Invite_notify_tells_channel_members_who_asked()
    {
        var (server, tagged, untagged) = await TwoInChannelAsync("invite-notify");
        await using (server)
        {
            await server.RegisterIrcAsync("guest");
            await untagged.SendAsync("INVITE guest #c");
            await untagged.ExpectAsync("341");

            var notice = await tagged.ExpectAsync("INVITE");
            Assert.Equal("untagged!~untagged@127.0.0.1", notice.Source);
            Assert.Equal(["guest", "#c"], notice.Params);
        }
    }

    [Fact]
    public async Task Setname_changes_the_real_name_and_peers_with_the_cap_see_it()
    {
        var (server, tagged, untagged) = await TwoInChannelAsync("setname");
        await using (server)
        {
            await tagged.SendAsync("SETNAME :A New Name");
            Assert.Equal(["A New Name"], (await tagged.ExpectAsync("SETNAME")).Params);
            await untagged.SendAsync("WHOIS tagged");
            Assert.Equal("A New Name", (await untagged.ExpectAsync("311")).Last);
            await untagged.ReadUntilAsync(r => r.Command == "318");

            await untagged.SendAsync("SETNAME :Me Too");
            Assert.Equal(["SETNAME", "CANNOT_CHANGE_REALNAME", "SETNAME needs the setname capability"], (await untagged.ExpectAsync("FAIL")).Params);
            await tagged.SendAsync("SETNAME :" + new string('x', 201));
            Assert.Equal("INVALID_REALNAME", (await tagged.ExpectAsync("FAIL"))[1]);
        }
    }

    [Fact]
    public async Task Labeled_commands_get_ack_one_labeled_line_or_a_labeled_batch()
    {
        var server = InMemoryServer.Start();
        await using (server)
        {
            var client = await server.RegisterIrcAsync("labeler", "batch", "labeled-response", "message-tags");

            await client.SendAsync("@label=one PING hello");
            var pong = await client.ExpectAsync("PONG");
            Assert.Equal("one", TagsOf(pong)["label"]);

            await client.SendAsync("@label=none PONG whatever");
            var ack = await client.ExpectAsync("ACK");
            Assert.Equal("none", TagsOf(ack)["label"]);
            Assert.Equal("charla.local", ack.Source);

            await client.SendAsync("@label=many\\:x WHOIS labeler");
            var start = await client.ExpectAsync("BATCH");
            Assert.Equal("many\\:x", TagsOf(start)["label"]);
            Assert.Equal("labeled-response", start[1]);
            var id = start[0][1..];
            var inside = await client.ReadUntilAsync(r => r.Command == "BATCH");
            Assert.Equal(["311", "378", "312", "317", "318"], inside.SkipLast(1).Select(r => r.Command)); // 378: its own address, to itself
            Assert.All(inside.SkipLast(1), r => Assert.Equal(id, TagsOf(r)["batch"]));
            Assert.Equal("-" + id, inside[^1][0]);
        }
    }

    [Fact]
    public async Task Bot_mode_shows_in_whois_who_and_a_bot_tag()
    {
        var server = InMemoryServer.Start();
        await using (server)
        {
            var bot = await server.RegisterIrcAsync("robo");
            var human = await server.RegisterIrcAsync("human", "message-tags");
            await bot.SendAsync("MODE robo +B");
            Assert.Equal(["robo", "+B"], (await bot.ExpectAsync("MODE")).Params);

            await human.SendAsync("WHOIS robo");
            var whois = await human.ReadUntilAsync(r => r.Command == "318");
            Assert.Contains(whois, r => r.Command == "335");
            await human.SendAsync("WHO robo");
            Assert.Equal("HB", (await human.ExpectAsync("352"))[6]);
            await human.ExpectAsync("315");

            await bot.SendAsync("PRIVMSG human :beep");
            Assert.True(TagsOf(await human.ExpectAsync("PRIVMSG")).ContainsKey("bot"));
        }
    }

    [Fact]
    public async Task Userhost_in_names_gives_full_masks_and_multi_prefix_all_prefixes()
    {
        var server = InMemoryServer.Start();
        await using (server)
        {
            var op = await server.RegisterIrcAsync("op", "userhost-in-names", "multi-prefix");
            await op.JoinAsync("#c");
            await op.SendAsync("MODE #c +v op");
            await op.ExpectAsync("MODE");

            await op.SendAsync("NAMES #c");

            Assert.Equal("@+op!~op@127.0.0.1", (await op.ExpectAsync("353")).Last);
        }
    }

    [Theory]
    [InlineData("PRIVMSG", "PRIVMSG")]
    [InlineData("NOTICE", "NOTICE")]
    [InlineData("TAGMSG", "TAGMSG")]
    public async Task A_labeled_message_to_oneself_comes_back_twice_and_only_the_echo_is_labeled(string verb, string expected)
    {
        await using var server = InMemoryServer.Start();
        var client = await server.RegisterIrcAsync("me", "echo-message", "batch", "labeled-response", "message-tags");

        await client.SendAsync($"@label=12345 {verb} me{(verb == "TAGMSG" ? string.Empty : " :hi")}");

        var first = await client.ExpectAsync(expected);
        var second = await client.ExpectAsync(expected);
        Assert.Equal([null, "12345"], new[] { first, second }.Select(m => TagsOf(m).GetValueOrDefault("label")));
        Assert.Equal(TagsOf(first)["msgid"], TagsOf(second)["msgid"]);
        Assert.Empty(await client.FenceAsync());
    }

    [Fact]
    public async Task A_labeled_message_to_oneself_without_echo_is_delivered_and_acked()
    {
        await using var server = InMemoryServer.Start();
        var client = await server.RegisterIrcAsync("me", "batch", "labeled-response");

        await client.SendAsync("@label=7 PRIVMSG me :hi");

        Assert.Equal("hi", (await client.ExpectAsync("PRIVMSG")).Last);
        Assert.Equal("7", TagsOf(await client.ExpectAsync("ACK"))["label"]);
    }

    [Fact]
    public async Task A_labeled_line_that_is_not_utf8_gets_a_labeled_fail_naming_its_command()
    {
        await using var server = InMemoryServer.Start();
        var client = await server.RegisterIrcAsync("me", "batch", "labeled-response", "message-tags");

        await client.SendRawAsync([.. "@label=xyz PRIVMSG #qux hi"u8, 0xAA, (byte)'\r', (byte)'\n']);

        var fail = await client.ExpectAsync("FAIL");
        Assert.Equal(["PRIVMSG", "INVALID_UTF8"], fail.Params.Take(2));
        Assert.Equal("xyz", TagsOf(fail)["label"]);
    }
}
