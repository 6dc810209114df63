using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests.Irc;

/// <summary>KLINE, UNKLINE, DLINE, UNDLINE and STATS k/d/u: who may, what a banned user sees, what is listed, expiry.</summary>
public sealed class ServerBanTests
{
    private static async Task<IrcClient> OperAsync(InMemoryServer server, string nick, string name = "root", string password = "s3cret")
    {
        var client = await server.RegisterIrcAsync(nick);
        await TestOperators.OperAsync(client, name, password);
        return client;
    }

    [Fact]
    public async Task Only_operators_with_the_ban_privilege_may_ban_or_list_bans()
    {
        await using var server = TestOperators.Start();
        var user = await server.RegisterIrcAsync("user");
        var helper = await OperAsync(server, "helpful", "helper", "h3lp");

        foreach (var command in new[] { "KLINE *@203.0.113.7 :x", "UNKLINE *@203.0.113.7", "DLINE 203.0.113.7 :x", "UNDLINE 203.0.113.7", "STATS k", "STATS d" })
        {
            await user.SendAsync(command);
            Assert.Equal("481", (await user.ExpectAsync("481")).Command);
            await helper.SendAsync(command);
            Assert.Equal(["helpful", "ban", "Insufficient oper privileges."], (await helper.ExpectAsync("723")).Params);
        }

        await user.SendAsync("STATS u");
        Assert.Matches(@"^Server Up 0 days 0:00:\d\d$", (await user.ExpectAsync("242")).Last);
        Assert.Equal("Highest connection count: 2 (2 clients now, 2 connections)", (await user.ExpectAsync("250")).Last);
        Assert.Equal(["user", "u", "End of /STATS report"], (await user.ExpectAsync("219")).Params);
        Assert.Empty(server.Engine.Bans.All);
    }

    [Fact]
    public async Task A_kline_closes_the_matching_user_at_once_and_refuses_it_at_registration_until_unklined()
    {
        await using var server = TestOperators.Start();
        var (admin, victim) = await server.IrcPairInChannelAsync("#c", "admin", "victim");
        await TestOperators.OperAsync(admin);

        await admin.SendAsync("KLINE *victim@127.0.0.1 :spamming");

        var last = (await victim.ReadToEndAsync())[^2..];
        Assert.Equal(["victim", "You are banned from this server"], last[0].Params);
        Assert.Equal("465", last[0].Command);
        Assert.Equal("Closing Link: 127.0.0.1 (Banned (spamming))", last[1].Last);
        // The victim's QUIT (from its own connection, as it leaves) and the operator's NOTICE (once
        // the ban is in force) come in either order.
        var replies = new List<IrcReply>();
        while (!replies.Exists(r => r.Command == "QUIT") || !replies.Exists(r => r.Command == "NOTICE"))
        {
            replies.Add((await admin.ReadAsync())!);
        }

        Assert.Equal(["Banned (spamming)"], replies.Single(r => r.Command == "QUIT").Params);
        Assert.Equal("*** Added a K-line on *victim@127.0.0.1 (spamming), until removed; closed: victim", replies.Single(r => r.Command == "NOTICE").Last);

        var again = await server.ConnectIrcAsync();
        await again.SendAsync("NICK victim\r\nUSER victim 0 * :Victim");
        Assert.Equal(["465", "ERROR"], (await again.ReadToEndAsync()).Select(r => r.Command));
        var innocent = await server.RegisterIrcAsync("innocent"); // the same address, another user name
        Assert.NotNull(innocent);

        await admin.SendAsync("STATS k");
        Assert.Equal(["admin", "K", "127.0.0.1", "*", "*victim", "spamming (by admin)"], (await admin.ExpectAsync("216")).Params);
        Assert.Equal("219", (await admin.ExpectAsync("219")).Command);

        await admin.SendAsync("UNKLINE *victim@127.0.0.1");
        Assert.Equal("*** Removed the K-line on *victim@127.0.0.1", (await admin.ExpectAsync("NOTICE")).Last);
        await admin.SendAsync("UNKLINE *victim@127.0.0.1");
        Assert.Equal("*** There is no K-line on *victim@127.0.0.1", (await admin.ExpectAsync("NOTICE")).Last);
        var back = await server.RegisterIrcAsync("victim");
        Assert.NotNull(back);
        Assert.Contains("Operator admin (root) added a K-line on *victim@127.0.0.1 (spamming), until never", server.Logged);
        Assert.Contains("Ban *victim@127.0.0.1 closed victim (~victim@127.0.0.1)", server.Logged);
    }

    [Fact]
    public async Task A_timed_kline_lapses_when_its_minutes_have_passed()
    {
        await using var server = TestOperators.Start();
        var admin = await OperAsync(server, "admin");
        await admin.SendAsync("KLINE 10 *late@* :come back later");
        Assert.StartsWith("*** Added a K-line on *late@* (come back later), until 2", (await admin.ExpectAsync("NOTICE")).Last, StringComparison.Ordinal);

        var early = await server.ConnectIrcAsync();
        await early.SendAsync("NICK late\r\nUSER late 0 * :Late");
        Assert.Equal("465", (await early.ReadToEndAsync())[0].Command);

        server.Time.Advance(TimeSpan.FromMinutes(10));
        var onTime = await server.RegisterIrcAsync("late");
        Assert.NotNull(onTime);
        await admin.SendAsync("STATS k");
        Assert.Equal("219", (await admin.ExpectAsync("219")).Command); // nothing listed: it lapsed
    }

    [Fact]
    public async Task Bad_or_too_broad_masks_are_refused_with_a_notice_and_nothing_is_banned()
    {
        await using var server = TestOperators.Start();
        var admin = await OperAsync(server, "admin");

        (string Command, string Notice)[] cases =
        [
            ("KLINE nobody :x", "*** nobody is neither user@host nor the nick of someone here"),
            ("KLINE *@* :x", "*** *@* would ban everyone: refused"),
            ("KLINE *@0.0.0.0/0 :x", "*** *@0.0.0.0/0 would ban everyone: refused"),
            ("DLINE 300.1.1.1 :x", "*** 300.1.1.1 is not an address or a network (203.0.113.7, 203.0.113.0/24, 2001:db8::/32)"),
            ("DLINE 0::/0 :x", "*** ::/0 would ban everyone: refused"),
        ];
        foreach (var (command, notice) in cases)
        {
            await admin.SendAsync(command);
            Assert.Equal(notice, (await admin.ExpectAsync("NOTICE")).Last);
        }

        await admin.SendAsync("KLINE");
        Assert.Equal("461", (await admin.ExpectAsync("461")).Command);
        Assert.Empty(server.Engine.Bans.All);
    }

    [Fact]
    public async Task A_dline_is_listed_with_its_network_and_a_kline_by_nick_bans_that_users_address()
    {
        await using var server = TestOperators.Start();
        var admin = await OperAsync(server, "admin");

        await admin.SendAsync("DLINE 0 203.0.113.77/24 :a botnet");
        Assert.Equal("*** Added a D-line on 203.0.113.0/24 (a botnet), until removed; nobody here matched", (await admin.ExpectAsync("NOTICE")).Last);
        await admin.SendAsync("STATS d");
        Assert.Equal(["admin", "D", "203.0.113.0/24", "a botnet (by admin)"], (await admin.ExpectAsync("225")).Params);
        await admin.ExpectAsync("219");

        await admin.SendAsync("UNDLINE 203.0.113.0/24");
        Assert.Equal("*** Removed the D-line on 203.0.113.0/24", (await admin.ExpectAsync("NOTICE")).Last);
        Assert.Empty(server.Engine.Bans.All);
    }
}
