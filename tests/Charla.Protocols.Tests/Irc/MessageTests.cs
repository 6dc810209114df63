using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests.Irc;

/// <summary>PRIVMSG and NOTICE to channels and nicks, echo-message, CTCP, AWAY and the errors.</summary>
public sealed class MessageTests
{
    private static async Task<(InMemoryServer Server, IrcClient Alice, IrcClient Bob)> TwoInChannelAsync(params string[] aliceCaps)
    {
        var server = InMemoryServer.Start();
        var alice = await server.RegisterIrcAsync("alice", aliceCaps);
        var bob = await server.RegisterIrcAsync("bob");
        await alice.JoinAsync("#c");
        await bob.JoinAsync("#c");
        await alice.ExpectAsync("JOIN");
        return (server, alice, bob);
    }

    [Fact]
    public async Task A_channel_message_reaches_the_others_and_not_the_sender()
    {
        var (server, alice, bob) = await TwoInChannelAsync();
        await using (server)
        {
            await alice.SendAsync("PRIVMSG #c :hello there");

            var got = await bob.ExpectAsync("PRIVMSG");
            Assert.Equal("alice!~alice@127.0.0.1", got.Source);
            Assert.Equal(["#c", "hello there"], got.Params);
            Assert.Empty(await alice.FenceAsync());
        }
    }

    [Fact]
    public async Task Echo_message_sends_the_message_back_to_its_sender()
    {
        var (server, alice, bob) = await TwoInChannelAsync("echo-message");
        await using (server)
        {
            await alice.SendAsync("PRIVMSG #c :echoed");

            Assert.Equal(["#c", "echoed"], (await alice.ExpectAsync("PRIVMSG")).Params);
            Assert.Equal(["#c", "echoed"], (await bob.ExpectAsync("PRIVMSG")).Params);
        }
    }

    [Fact]
    public async Task Private_messages_notices_and_ctcp_pass_through()
    {
        var (server, alice, bob) = await TwoInChannelAsync();
        await using (server)
        {
            await alice.SendAsync("PRIVMSG BOB :just for you");
            await alice.SendAsync("NOTICE bob :a notice");
            await alice.SendAsync("PRIVMSG bob :\u0001VERSION\u0001");
            await alice.SendAsync("PRIVMSG #c :\u0001ACTION waves\u0001");

            Assert.Equal(["bob", "just for you"], (await bob.ExpectAsync("PRIVMSG")).Params);
            Assert.Equal(["bob", "a notice"], (await bob.ExpectAsync("NOTICE")).Params);
            Assert.Equal(["bob", "\u0001VERSION\u0001"], (await bob.ExpectAsync("PRIVMSG")).Params);
            Assert.Equal(["#c", "\u0001ACTION waves\u0001"], (await bob.ExpectAsync("PRIVMSG")).Params);
        }
    }

    [Fact]
    public async Task Several_targets_up_to_the_limit_and_407_beyond()
    {
        var (server, alice, bob) = await TwoInChannelAsync();
        await using (server)
        {
            await alice.SendAsync("PRIVMSG #c,bob :twice");
            Assert.Equal("#c", (await bob.ExpectAsync("PRIVMSG"))[0]);
            Assert.Equal("bob", (await bob.ExpectAsync("PRIVMSG"))[0]);

            await alice.SendAsync("PRIVMSG a,b,c,d,e :too many");
            Assert.Equal(["alice", "a,b,c,d,e"], (await alice.ExpectAsync("407")).Params.Take(2));
        }
    }

    [Fact]
    public async Task Errors_401_404_411_412_for_privmsg_and_none_for_notice()
    {
        var (server, alice, _) = await TwoInChannelAsync();
        await using (server)
        {
            var outsider = await server.RegisterIrcAsync("outsider");
            await outsider.SendAsync("PRIVMSG #c :let me in");
            Assert.Equal(["outsider", "#c", "Cannot send to channel"], (await outsider.ExpectAsync("404")).Params);

            await alice.SendAsync("PRIVMSG nobody :hello?");
            Assert.Equal(["alice", "nobody", "No such nick/channel"], (await alice.ExpectAsync("401")).Params);
            await alice.SendAsync("PRIVMSG #nochannel :hello?");
            await alice.ExpectAsync("401");
            await alice.SendAsync("PRIVMSG");
            Assert.Equal(["alice", "No recipient given (PRIVMSG)"], (await alice.ExpectAsync("411")).Params);
            await alice.SendAsync("PRIVMSG bob");
            Assert.Equal(["alice", "No text to send"], (await alice.ExpectAsync("412")).Params);

            await alice.SendAsync("NOTICE nobody :hello?");
            await alice.SendAsync("NOTICE bob");
            Assert.Empty(await alice.FenceAsync());
        }
    }

    [Fact]
    public async Task Away_is_set_shown_to_senders_and_cleared()
    {
        var (server, alice, bob) = await TwoInChannelAsync();
        await using (server)
        {
            await bob.SendAsync("AWAY :at lunch");
            Assert.Equal(["bob", "You have been marked as being away"], (await bob.ExpectAsync("306")).Params);

            await alice.SendAsync("PRIVMSG bob :are you there?");
            Assert.Equal(["alice", "bob", "at lunch"], (await alice.ExpectAsync("301")).Params);

            await bob.SendAsync("AWAY");
            await bob.ExpectAsync("PRIVMSG");
            Assert.Equal(["bob", "You are no longer marked as being away"], (await bob.ExpectAsync("305")).Params);
            await alice.SendAsync("PRIVMSG bob :back?");
            Assert.Empty(await alice.FenceAsync());
        }
    }

    [Fact]
    public async Task User_mode_t_drops_ctcp_sent_to_the_user_but_not_actions()
    {
        await using var server = InMemoryServer.Start();
        var bar = await server.RegisterIrcAsync("bar");
        var qux = await server.RegisterIrcAsync("qux");
        await bar.SendAsync("MODE bar +T");
        Assert.Equal(["bar", "+T"], (await bar.ExpectAsync("MODE")).Params);

        await qux.SendAsync("PRIVMSG bar :\u0001VERSION\u0001");
        await qux.SendAsync("PRIVMSG bar :\u0001ACTION waves\u0001");
        await qux.SendAsync("PRIVMSG bar :please just tell me your client version");
        Assert.Empty(await qux.FenceAsync());

        Assert.Equal(["\u0001ACTION waves\u0001", "please just tell me your client version"], (await bar.FenceAsync()).Select(r => r.Last));
        await bar.SendAsync("MODE bar");
        Assert.Equal("+T", (await bar.ExpectAsync("221"))[1]);
    }
}
