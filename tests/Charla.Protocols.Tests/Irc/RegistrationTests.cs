using Charla.Protocols.Irc;
using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests.Irc;

/// <summary>Registration: CAP, NICK, USER, PASS, the welcome burst and its errors.</summary>
public sealed class RegistrationTests
{
    [Fact]
    public async Task Nick_and_user_give_the_welcome_burst_with_isupport_lusers_and_no_motd()
    {
        await using var server = InMemoryServer.Start();
        var client = await server.ConnectIrcAsync();

        var burst = await client.RegisterAsync("alice");

        Assert.Equal(["001", "002", "003", "004", "005", "005", "251", "252", "254", "255", "265", "266", "422"], burst.Select(r => r.Command));
        Assert.All(burst, r => Assert.Equal("charla.local", r.Source));
        Assert.All(burst, r => Assert.Equal("alice", r[0]));
        Assert.Equal("Welcome to the Charla IRC Network, alice!~alice@127.0.0.1", burst[0].Last);
        Assert.Equal(["alice", "charla.local", IrcServerInfo.Version, "BTiow", "CbeIiklmnoqstv", "beIklovq"], burst[3].Params);
        var isupportLines = burst.Where(r => r.Command == "005").ToList();
        Assert.All(isupportLines, l => Assert.Equal("are supported by this server", l.Last));
        Assert.All(isupportLines, l => Assert.InRange(l.Params.Count - 2, 1, 13));
        var isupport = isupportLines.SelectMany(l => l.Params.Skip(1).SkipLast(1)).ToList();

        // Exactly what is implemented: a token added or dropped is a decision this test records.
        Assert.Equal(
        [
            "AWAYLEN=200", "BOT=B", "CASEMAPPING=ascii", "CHANLIMIT=#:50", "CHANMODES=beIq,k,l,Cimnst", "CHANNELLEN=50", "CHANTYPES=#",
            "ELIST=CMNTU", "EXCEPTS=e", "INVEX=I", "KEYLEN=32", "KICKLEN=255", "MAXLIST=beIq:100", "MAXTARGETS=4", "METADATA=20", "MODES=20",
            "MONITOR=100", "NAMELEN=200", "NETWORK=Charla", "NICKLEN=30", "PREFIX=(ov)@+", "STATUSMSG=@+",
            "TARGMAX=PRIVMSG:4,NOTICE:4,JOIN:,PART:,KICK:4,NAMES:1,WHOIS:1", "TOPICLEN=390", "UTF8ONLY", "WHOX",
        ], isupport.Order(StringComparer.Ordinal));

        Assert.Equal("There are 1 users and 0 invisible on 1 servers", burst.Single(r => r.Command == "251").Last);
        Assert.Equal("MOTD File is missing", burst[^1].Last);
    }

    [Fact]
    public async Task A_configured_motd_is_sent_between_375_and_376()
    {
        await using var server = InMemoryServer.Start(irc => irc.Motd = ["Be kind.", "Have fun."]);
        var client = await server.ConnectIrcAsync();

        var burst = await client.RegisterAsync("alice");

        Assert.Equal(["375", "372", "372", "376"], burst.TakeLast(4).Select(r => r.Command));
        Assert.Equal("- Be kind.", burst[^3].Last);
        Assert.Equal("- Have fun.", burst[^2].Last);
    }

    [Fact]
    public async Task Registration_waits_for_cap_end_and_cap_ls_lists_exactly_the_supported_caps()
    {
        await using var server = InMemoryServer.Start();
        var client = await server.ConnectIrcAsync();

        await client.SendAsync("CAP LS 302");
        var ls = await client.ReadUntilAsync(r => r.Command == "CAP" && r[2] != "*");
        Assert.All(ls[..^1], r => Assert.Equal(["*", "LS", "*"], r.Params.Take(3))); // 302: more lines to come
        Assert.All(ls, r => Assert.True(r.Raw.Length <= 510));
        Assert.Equal(
            "away-notify batch cap-notify chghost draft/channel-rename draft/extended-monitor "
            + "draft/metadata-2=before-connect,max-subs=50,max-keys=20,max-value-bytes=300 draft/multiline=max-bytes=4096,max-lines=32 "
            + "echo-message extended-join invite-notify labeled-response message-tags multi-prefix server-time setname userhost-in-names",
            string.Join(' ', ls.Select(r => r.Last)));

        await client.SendAsync("NICK alice");
        await client.SendAsync("USER alice 0 * :Alice");
        Assert.Empty(await client.FenceAsync()); // not registered while negotiating

        await client.SendAsync("CAP REQ :echo-message bogus-cap");
        Assert.Equal(["alice", "NAK", "echo-message bogus-cap"], (await client.ExpectAsync("CAP")).Params);
        await client.SendAsync("CAP REQ :echo-message");
        Assert.Equal(["alice", "ACK", "echo-message"], (await client.ExpectAsync("CAP")).Params);
        await client.SendAsync("CAP LIST");
        Assert.Equal(["alice", "LIST", "cap-notify echo-message"], (await client.ExpectAsync("CAP")).Params);

        await client.SendAsync("CAP END");
        await client.ExpectAsync("001");
    }

    [Fact]
    public async Task Commands_before_registration_get_451_and_missing_parameters_461()
    {
        await using var server = InMemoryServer.Start();
        var client = await server.ConnectIrcAsync();

        await client.SendAsync("JOIN #x");
        Assert.Equal(["*", "You have not registered"], (await client.ExpectAsync("451")).Params);
        await client.SendAsync("USER onlyone");
        Assert.Equal(["*", "USER", "Not enough parameters"], (await client.ExpectAsync("461")).Params);
        await client.SendAsync("NICK");
        await client.ExpectAsync("431");
        await client.SendAsync("PING early");
        Assert.Equal(["charla.local", "early"], (await client.ExpectAsync("PONG")).Params);
    }

    [Theory]
    [InlineData("9lives")]
    [InlineData("-dash")]
    [InlineData("has:colon")]
    [InlineData("x234567890123456789012345678901")]
    public async Task An_erroneous_nick_gets_432(string nick)
    {
        await using var server = InMemoryServer.Start();
        var client = await server.ConnectIrcAsync();

        await client.SendAsync($"NICK {nick}");

        Assert.Equal(["*", nick, "Erroneous nickname"], (await client.ExpectAsync("432")).Params);
    }

    [Fact]
    public async Task A_nick_in_use_in_any_case_gets_433_before_and_after_registration()
    {
        await using var server = InMemoryServer.Start();
        await server.RegisterIrcAsync("alice");
        var bob = await server.ConnectIrcAsync();

        await bob.SendAsync("NICK ALICE");
        Assert.Equal(["*", "ALICE", "Nickname is already in use"], (await bob.ExpectAsync("433")).Params);

        await bob.RegisterAsync("bob");
        await bob.SendAsync("NICK Alice");
        Assert.Equal(["bob", "Alice", "Nickname is already in use"], (await bob.ExpectAsync("433")).Params);
    }

    [Fact]
    public async Task A_plain_user_holds_nicks_too()
    {
        await using var server = InMemoryServer.Start();
        var plain = await server.ConnectPlainAsync();
        var client = await server.ConnectIrcAsync();

        await client.SendAsync($"NICK {plain.Nick}");

        await client.ExpectAsync("433");
    }

    [Fact]
    public async Task User_and_pass_after_registration_get_462_and_unknown_commands_421()
    {
        await using var server = InMemoryServer.Start();
        var client = await server.RegisterIrcAsync("alice");

        await client.SendAsync("USER again 0 * :Again");
        Assert.Equal(["alice", "You may not reregister"], (await client.ExpectAsync("462")).Params);
        await client.SendAsync("PASS secret");
        await client.ExpectAsync("462");
        await client.SendAsync("FROBNICATE now");
        Assert.Equal(["alice", "FROBNICATE", "Unknown command"], (await client.ExpectAsync("421")).Params);
    }

    [Fact]
    public async Task Pass_before_registration_is_accepted()
    {
        await using var server = InMemoryServer.Start();
        var client = await server.ConnectIrcAsync();

        await client.SendAsync("PASS whatever");
        var burst = await client.RegisterAsync("alice");

        Assert.Equal("001", burst[0].Command);
    }

    [Fact]
    public async Task A_client_that_does_not_register_in_time_is_dropped_with_an_error()
    {
        await using var server = InMemoryServer.Start(irc => irc.RegistrationTimeoutSeconds = 60);
        var client = await server.ConnectIrcAsync();
        await client.SendAsync("NICK slow");
        await client.SendAsync("PING still-registering");
        await client.ExpectAsync("PONG");

        server.Time.Advance(TimeSpan.FromSeconds(60));
        server.SweepLiveness();
        await client.SendAsync("PING still-in-time");
        await client.ExpectAsync("PONG");
        server.Time.Advance(TimeSpan.FromSeconds(1));
        server.SweepLiveness();
        var last = (await client.ReadToEndAsync()).Last();

        Assert.Equal("ERROR", last.Command);
        Assert.Equal("Closing Link: 127.0.0.1 (Registration timed out)", last.Last);
    }

    [Fact]
    public async Task Nick_change_after_registration_is_echoed_and_seen_by_channel_members()
    {
        await using var server = InMemoryServer.Start();
        var (alice, bob) = await server.IrcPairInChannelAsync("#c", "alice", "bob");

        await bob.SendAsync("NICK robert");

        var echo = await bob.ExpectAsync("NICK");
        Assert.Equal("bob!~bob@127.0.0.1", echo.Source);
        Assert.Equal(["robert"], echo.Params);
        Assert.Equal(echo.Raw, (await alice.ExpectAsync("NICK")).Raw);
    }

    [Fact]
    public async Task User_with_an_empty_realname_gets_461_and_registration_waits()
    {
        await using var server = InMemoryServer.Start();
        var client = await server.ConnectIrcAsync();
        await client.SendAsync("NICK alice");
        await client.SendAsync("USER alice 0 * :");

        Assert.Equal(["alice", "USER", "Not enough parameters"], (await client.ExpectAsync("461")).Params);
        await client.SendAsync("USER alice 0 * :Alice");
        Assert.Equal("001", (await client.ExpectAsync("001")).Command);
    }
}
