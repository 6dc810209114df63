using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests.Irc;

/// <summary>draft/multiline (ircv3.net/specs/extensions/multiline): batches in and out, the fallback, the errors.</summary>
public sealed class MultilineTests
{
    private static readonly string[] BaseCaps = ["message-tags", "batch", "echo-message", "server-time", "labeled-response"];

    private static readonly string[] MultilineCaps = [.. BaseCaps, "draft/multiline"];

    private static Dictionary<string, string> TagsOf(IrcReply reply) =>
        !reply.Raw.StartsWith('@') ? [] : reply.Raw[1..reply.Raw.IndexOf(' ', StringComparison.Ordinal)].Split(';')
            .Select(t => t.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty);

    /// <summary>alice and bob have multiline, charlie has not; all three are in #test.</summary>
    private static async Task<(InMemoryServer Server, IrcClient Alice, IrcClient Bob, IrcClient Charlie)> StartAsync()
    {
        var server = InMemoryServer.Start();
        var alice = await server.RegisterIrcAsync("alice", MultilineCaps);
        var bob = await server.RegisterIrcAsync("bob", MultilineCaps);
        var charlie = await server.RegisterIrcAsync("charlie", BaseCaps);
        foreach (var client in new[] { alice, bob, charlie })
        {
            await client.JoinAsync("#test");
        }

        foreach (var client in new[] { alice, bob, charlie })
        {
            await client.FenceAsync();
        }

        return (server, alice, bob, charlie);
    }

    private static async Task SendBatchAsync(IrcClient client, string opening, params string[] lines)
    {
        await client.SendAsync(opening);
        foreach (var line in lines)
        {
            await client.SendAsync(line);
        }

        await client.SendAsync("BATCH -123");
    }

    [Fact]
    public async Task The_cap_is_advertised_with_its_limits()
    {
        await using var server = InMemoryServer.Start();
        var client = server.ConnectIrc();
        await client.SendAsync("CAP LS 302");
        var ls = await client.ReadUntilAsync(r => r.Command == "CAP" && r[1] == "LS" && r[2] != "*");
        Assert.Contains("draft/multiline=max-bytes=4096,max-lines=32", ls.SelectMany(r => r.Last.Split(' ')));
    }

    [Fact]
    public async Task A_batch_reaches_multiline_clients_as_a_batch_and_others_line_by_line_and_the_echo_carries_the_label()
    {
        var (server, alice, bob, charlie) = await StartAsync();
        await using (server)
        {
            await SendBatchAsync(alice, "@label=xyz BATCH +123 draft/multiline #test",
                "@batch=123 PRIVMSG #test hello", "@batch=123 PRIVMSG #test :#how is ", "@batch=123;draft/multiline-concat PRIVMSG #test :everyone?");

            var echo = await alice.ReadUntilAsync(r => r.Command == "BATCH" && r[0].StartsWith('-'));
            Assert.Equal(["BATCH", "PRIVMSG", "PRIVMSG", "PRIVMSG", "BATCH"], echo.Select(r => r.Command));
            var start = echo[0];
            Assert.Equal("xyz", TagsOf(start)["label"]);
            Assert.Equal(["draft/multiline", "#test"], start.Params.Skip(1));
            var id = start[0][1..];
            Assert.Equal("-" + id, echo[^1][0]);
            var (msgid, time) = (TagsOf(start)["msgid"], TagsOf(start)["time"]);
            Assert.All(echo[1..^1], r => Assert.Equal(id, TagsOf(r)["batch"]));
            Assert.All(echo[1..^1], r => Assert.False(TagsOf(r).ContainsKey("msgid") || TagsOf(r).ContainsKey("time") || TagsOf(r).ContainsKey("label")));
            Assert.True(TagsOf(echo[3]).ContainsKey("draft/multiline-concat"));

            var relay = await bob.ReadUntilAsync(r => r.Command == "BATCH" && r[0].StartsWith('-'));
            Assert.Equal(echo.Select(r => r.Params), relay.Select(r => r.Params));
            Assert.Equal(msgid, TagsOf(relay[0])["msgid"]);
            Assert.False(TagsOf(relay[0]).ContainsKey("label"));

            var fallback = await charlie.FenceAsync();
            Assert.Equal([["#test", "hello"], ["#test", "#how is "], ["#test", "everyone?"]], fallback.Select(r => r.Params));
            Assert.Equal([msgid, null, null], fallback.Select(r => TagsOf(r).GetValueOrDefault("msgid")));
            Assert.All(fallback, r => Assert.Equal(time, TagsOf(r)["time"]));
            Assert.All(fallback, r => Assert.False(TagsOf(r).ContainsKey("draft/multiline-concat")));
        }
    }

    [Fact]
    public async Task Blank_lines_go_to_multiline_clients_only_and_client_tags_ride_on_every_fallback_line()
    {
        var (server, alice, bob, charlie) = await StartAsync();
        await using (server)
        {
            await SendBatchAsync(alice, "@+client-only-tag BATCH +123 draft/multiline #test",
                "@batch=123 PRIVMSG #test :", "@batch=123 PRIVMSG #test :#how is ", "@batch=123;draft/multiline-concat PRIVMSG #test :everyone?");
            await alice.FenceAsync();

            var relay = await bob.FenceAsync();
            Assert.Equal([["#test", ""], ["#test", "#how is "], ["#test", "everyone?"]], relay[1..^1].Select(r => r.Params));
            Assert.True(TagsOf(relay[0]).ContainsKey("+client-only-tag"));
            var fallback = await charlie.FenceAsync();
            Assert.Equal([["#test", "#how is "], ["#test", "everyone?"]], fallback.Select(r => r.Params));
            Assert.All(fallback, r => Assert.True(TagsOf(r).ContainsKey("+client-only-tag")));
            Assert.Equal(TagsOf(relay[0])["msgid"], TagsOf(fallback[0])["msgid"]);
        }
    }

    [Fact]
    public async Task Plain_mode_users_get_the_message_as_lines_and_direct_batches_work_too()
    {
        var (server, alice, bob, _) = await StartAsync();
        await using (server)
        {
            await alice.JoinAsync("#lobby");
            var plain = await server.ConnectPlainAsync();
            await alice.FenceAsync();

            await SendBatchAsync(alice, "BATCH +123 draft/multiline #lobby",
                "@batch=123 PRIVMSG #lobby :first line", "@batch=123 PRIVMSG #lobby :second ", "@batch=123;draft/multiline-concat PRIVMSG #lobby :half", "@batch=123 PRIVMSG #lobby :");
            Assert.Equal("alice: first line", await plain.ReadLineAsync());
            Assert.Equal("alice: second half", await plain.ReadLineAsync());

            await SendBatchAsync(alice, "BATCH +123 draft/multiline bob", "@batch=123 PRIVMSG bob :to you", "@batch=123 PRIVMSG bob :only");
            var direct = await bob.ReadUntilAsync(r => r.Command == "BATCH" && r[0].StartsWith('-'));
            Assert.Equal([["bob", "to you"], ["bob", "only"]], direct[1..^1].Select(r => r.Params));
            await plain.SendLineAsync("/who");
            Assert.DoesNotContain(await plain.FenceAsync(), l => l.Contains("to you", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_line_with_another_batch_tag_or_another_target_is_refused_and_the_batch_dropped()
    {
        var (server, alice, bob, _) = await StartAsync();
        await using (server)
        {
            await alice.SendAsync("BATCH +123 draft/multiline #test");
            await alice.SendAsync("@batch=231 PRIVMSG #test :hi");
            Assert.Equal(["BATCH", "MULTILINE_INVALID"], (await alice.ExpectAsync("FAIL")).Params.Take(2));
            await alice.SendAsync("BATCH -123");

            await alice.SendAsync("BATCH +456 draft/multiline #test");
            await alice.SendAsync("@batch=456 PRIVMSG #other :hi");
            Assert.Equal(["BATCH", "MULTILINE_INVALID_TARGET", "#test", "#other", "Invalid multiline target"], (await alice.ExpectAsync("FAIL")).Params);
            await alice.SendAsync("@batch=456 PRIVMSG #test :ignored");
            await alice.SendAsync("BATCH -456");
            Assert.Empty(await alice.FenceAsync());
            Assert.Empty(await bob.FenceAsync());
        }
    }

    [Fact]
    public async Task A_blank_continued_line_is_refused_at_once_and_a_batch_of_blank_lines_at_its_end()
    {
        var (server, alice, bob, _) = await StartAsync();
        await using (server)
        {
            await alice.SendAsync("BATCH +123 draft/multiline #test");
            await alice.SendAsync("@batch=123 PRIVMSG #test :hi");
            await alice.SendAsync("@batch=123;draft/multiline-concat PRIVMSG #test :");
            Assert.Equal(["BATCH", "MULTILINE_INVALID"], (await alice.ExpectAsync("FAIL")).Params.Take(2));
            await alice.SendAsync("BATCH -123");
            Assert.Empty(await alice.FenceAsync());

            await SendBatchAsync(alice, "BATCH +123 draft/multiline #test", "@batch=123 PRIVMSG #test :", "@batch=123 PRIVMSG #test :");
            Assert.Equal(["BATCH", "MULTILINE_INVALID"], (await alice.ExpectAsync("FAIL")).Params.Take(2));
            Assert.Empty(await bob.FenceAsync());
        }
    }

    [Fact]
    public async Task More_lines_or_bytes_than_advertised_get_max_lines_or_max_bytes()
    {
        var (server, alice, bob, _) = await StartAsync();
        await using (server)
        {
            await alice.SendAsync("BATCH +123 draft/multiline #test");
            for (var i = 0; i < 33; i++)
            {
                await alice.SendAsync("@batch=123 PRIVMSG #test hi");
            }

            Assert.Equal(["BATCH", "MULTILINE_MAX_LINES", "32"], (await alice.ExpectAsync("FAIL")).Params.Take(3));
            await alice.SendAsync("BATCH -123");

            await alice.SendAsync("BATCH +234 draft/multiline #test");
            for (var i = 0; i < 11; i++)
            {
                await alice.SendAsync("@batch=234 PRIVMSG #test " + new string('x', 400));
            }

            Assert.Equal(["BATCH", "MULTILINE_MAX_BYTES", "4096"], (await alice.ExpectAsync("FAIL")).Params.Take(3));
            await alice.SendAsync("BATCH -234");
            Assert.Empty(await alice.FenceAsync());
            Assert.Empty(await bob.FenceAsync());
        }
    }

    [Fact]
    public async Task Without_the_cap_a_batch_is_refused()
    {
        await using var server = InMemoryServer.Start();
        var alice = await server.RegisterIrcAsync("alice", BaseCaps);

        await alice.SendAsync("BATCH +1 draft/multiline #test");
        Assert.Equal(["BATCH", "MULTILINE_INVALID"], (await alice.ExpectAsync("FAIL")).Params.Take(2));
    }
}
