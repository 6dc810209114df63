using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests.Irc;

/// <summary>Channel modes i k l m n s t b e I o v, KICK, INVITE and STATUSMSG, with their numerics.</summary>
public sealed class ModeTests
{
    /// <summary>alice creates #c (so is its operator); bob is in it too; carol is outside.</summary>
    private static async Task<(InMemoryServer Server, IrcClient Alice, IrcClient Bob, IrcClient Carol)> StartAsync(params string[] aliceCaps)
    {
        var server = InMemoryServer.Start();
        var alice = await server.RegisterIrcAsync("alice", aliceCaps);
        var bob = await server.RegisterIrcAsync("bob");
        var carol = await server.RegisterIrcAsync("carol");
        await alice.JoinAsync("#c");
        await bob.JoinAsync("#c");
        await alice.ExpectAsync("JOIN");
        return (server, alice, bob, carol);
    }

    [Fact]
    public async Task Flags_and_parameters_are_set_announced_once_and_shown_in_324()
    {
        var (server, alice, bob, carol) = await StartAsync();
        await using (server)
        {
            await alice.SendAsync("MODE #c +imsk-t+l secret 10");
            var change = await bob.ExpectAsync("MODE");
            Assert.Equal("alice!~alice@127.0.0.1", change.Source);
            Assert.Equal(["#c", "+imsk-t+l", "secret", "10"], change.Params);
            Assert.Equal(change.Params, (await alice.ExpectAsync("MODE")).Params);

            await bob.SendAsync("MODE #c");
            Assert.Equal(["bob", "#c", "+iklmns", "secret", "10"], (await bob.ExpectAsync("324")).Params);
            await carol.SendAsync("MODE #c");
            Assert.Equal("403", (await carol.ExpectAsync("403")).Command); // +s: outsiders do not see it

            await alice.SendAsync("MODE #c +i");
            Assert.Empty(await alice.FenceAsync()); // already set: nothing to announce
            await alice.SendAsync("MODE #c -ks+l * abc");
            Assert.Equal(["#c", "-ks", "*"], (await alice.ExpectAsync("MODE")).Params);
            Assert.Equal(["alice", "#c", "l", "abc", "Invalid parameter for this mode"], (await alice.ExpectAsync("696")).Params);
        }
    }

    [Fact]
    public async Task Only_operators_change_modes_and_voice_shows_as_plus()
    {
        var (server, alice, bob, carol) = await StartAsync("multi-prefix");
        await using (server)
        {
            await bob.SendAsync("MODE #c +m");
            Assert.Equal(["bob", "#c", "You're not channel operator"], (await bob.ExpectAsync("482")).Params);

            await alice.SendAsync("MODE #c +vv bob alice");
            Assert.Equal(["#c", "+vv", "bob", "alice"], (await bob.ExpectAsync("MODE")).Params);
            await alice.ExpectAsync("MODE");
            await alice.SendAsync("NAMES #c");
            Assert.Equal("@+alice +bob", (await alice.ExpectAsync("353")).Last);
            await carol.SendAsync("NAMES #c");
            Assert.Equal("@alice +bob", (await carol.ExpectAsync("353")).Last);
            await alice.SendAsync("MODE #c +v carol");
            Assert.Equal(["alice", "carol", "#c", "They aren't on that channel"], (await alice.ReadUntilAsync(r => r.Command == "441"))[^1].Params);
        }
    }

    [Fact]
    public async Task Moderated_and_no_external_messages_decide_who_may_speak()
    {
        var (server, alice, bob, carol) = await StartAsync();
        await using (server)
        {
            await carol.SendAsync("PRIVMSG #c :from outside");
            await carol.ExpectAsync("404");
            await alice.SendAsync("MODE #c -n");
            await alice.ExpectAsync("MODE");
            await bob.ExpectAsync("MODE");
            await carol.SendAsync("PRIVMSG #c :from outside");
            Assert.Equal("from outside", (await bob.ExpectAsync("PRIVMSG")).Last);

            await alice.SendAsync("MODE #c +m");
            await bob.ExpectAsync("MODE");
            await bob.SendAsync("PRIVMSG #c :may I?");
            Assert.Equal(["bob", "#c", "Cannot send to channel"], (await bob.ReadUntilAsync(r => r.Command == "404"))[^1].Params);
            await alice.SendAsync("MODE #c +v bob");
            await bob.ExpectAsync("MODE");
            await bob.SendAsync("PRIVMSG #c :now I may");
            var heard = await alice.ReadUntilAsync(r => r.Command == "PRIVMSG" && r.Last == "now I may");
            Assert.Equal(["from outside", "now I may"], heard.Where(r => r.Command == "PRIVMSG").Select(r => r.Last));
        }
    }

    [Fact]
    public async Task Keys_limits_invite_only_and_bans_refuse_joins_with_471_473_474_475()
    {
        var (server, alice, _, carol) = await StartAsync();
        await using (server)
        {
            await alice.SendAsync("MODE #c +k sesame");
            await alice.ExpectAsync("MODE");
            await carol.SendAsync("JOIN #c");
            Assert.Equal(["carol", "#c", "Cannot join channel (+k)"], (await carol.ExpectAsync("475")).Params);
            await carol.SendAsync("JOIN #c wrong");
            await carol.ExpectAsync("475");
            Assert.Equal("JOIN", (await carol.JoinAsync("#c sesame"))[0].Command);
            await carol.SendAsync("PART #c");
            await carol.ExpectAsync("PART");

            await alice.SendAsync("MODE #c -k+l sesame 2");
            await alice.ReadUntilAsync(r => r.Command == "MODE");
            await carol.SendAsync("JOIN #c");
            Assert.Equal(["carol", "#c", "Cannot join channel (+l)"], (await carol.ExpectAsync("471")).Params);

            await alice.SendAsync("MODE #c -l+i");
            await alice.ReadUntilAsync(r => r.Command == "MODE");
            await carol.SendAsync("JOIN #c");
            Assert.Equal(["carol", "#c", "Cannot join channel (+i)"], (await carol.ExpectAsync("473")).Params);

            await alice.SendAsync("MODE #c -i+b carol");
            var ban = (await alice.ReadUntilAsync(r => r.Command == "MODE"))[^1];
            Assert.Equal(["#c", "-i+b", "carol!*@*"], ban.Params);
            await carol.SendAsync("JOIN #c");
            Assert.Equal(["carol", "#c", "Cannot join channel (+b)"], (await carol.ExpectAsync("474")).Params);

            await alice.SendAsync("MODE #c b");
            var list = await alice.ReadUntilAsync(r => r.Command == "368");
            Assert.Equal(["alice", "#c", "carol!*@*", "alice"], list[0].Params.Take(4));
            Assert.Equal("367", list[0].Command);

            await alice.SendAsync("MODE #c +e *!~carol@*");
            await alice.ExpectAsync("MODE");
            Assert.Equal("JOIN", (await carol.JoinAsync("#c"))[0].Command);
        }
    }

    [Fact]
    public async Task Invite_lets_one_user_past_invite_only_and_errors_are_442_443_482()
    {
        var (server, alice, bob, carol) = await StartAsync();
        await using (server)
        {
            await alice.SendAsync("MODE #c +i");
            await alice.ExpectAsync("MODE");
            await bob.ExpectAsync("MODE");

            await bob.SendAsync("INVITE carol #c");
            Assert.Equal(["bob", "#c", "You're not channel operator"], (await bob.ExpectAsync("482")).Params);
            await carol.SendAsync("INVITE bob #c");
            Assert.Equal(["carol", "#c", "You're not on that channel"], (await carol.ExpectAsync("442")).Params);
            await alice.SendAsync("INVITE bob #c");
            Assert.Equal(["alice", "bob", "#c", "is already on channel"], (await alice.ExpectAsync("443")).Params);
            await alice.SendAsync("INVITE nobody #c");
            await alice.ExpectAsync("401");

            await alice.SendAsync("INVITE carol #c");
            Assert.Equal(["alice", "carol", "#c"], (await alice.ExpectAsync("341")).Params);
            var invite = await carol.ExpectAsync("INVITE");
            Assert.Equal("alice!~alice@127.0.0.1", invite.Source);
            Assert.Equal(["carol", "#c"], invite.Params);
            Assert.Equal("JOIN", (await carol.JoinAsync("#c"))[0].Command);
        }
    }

    [Fact]
    public async Task Kick_removes_a_member_everyone_sees_it_and_errors_are_441_442_482()
    {
        var (server, alice, bob, carol) = await StartAsync();
        await using (server)
        {
            await bob.SendAsync("KICK #c alice");
            Assert.Equal(["bob", "#c", "You're not channel operator"], (await bob.ExpectAsync("482")).Params);
            await carol.SendAsync("KICK #c bob");
            Assert.Equal(["carol", "#c", "You're not on that channel"], (await carol.ExpectAsync("442")).Params);
            await alice.SendAsync("KICK #c carol");
            Assert.Equal(["alice", "carol", "#c", "They aren't on that channel"], (await alice.ExpectAsync("441")).Params);

            await alice.SendAsync("KICK #c bob :mind the rules");
            var kick = await bob.ExpectAsync("KICK");
            Assert.Equal("alice!~alice@127.0.0.1", kick.Source);
            Assert.Equal(["#c", "bob", "mind the rules"], kick.Params);
            Assert.Equal(kick.Params, (await alice.ExpectAsync("KICK")).Params);
            await bob.SendAsync("PRIVMSG #c :still here?");
            await bob.ExpectAsync("404");

            await alice.SendAsync("KICK #c alice");
            Assert.Equal(["#c", "alice", "alice"], (await alice.ExpectAsync("KICK")).Params);
            Assert.Null(server.Engine.FindChannel("#c"));
        }
    }

    [Fact]
    public async Task Statusmsg_reaches_only_operators_or_voiced_members()
    {
        var (server, alice, bob, carol) = await StartAsync();
        await using (server)
        {
            await carol.JoinAsync("#c");
            await alice.ExpectAsync("JOIN");
            await bob.ExpectAsync("JOIN");
            await alice.SendAsync("MODE #c +v bob");
            await alice.ExpectAsync("MODE");
            await bob.ExpectAsync("MODE");
            await carol.ExpectAsync("MODE");

            await carol.SendAsync("PRIVMSG @#c :to the ops");
            await carol.SendAsync("PRIVMSG +#c :to voice and ops");

            Assert.Equal(["@#c", "to the ops"], (await alice.ExpectAsync("PRIVMSG")).Params);
            Assert.Equal(["+#c", "to voice and ops"], (await alice.ExpectAsync("PRIVMSG")).Params);
            Assert.Equal(["+#c", "to voice and ops"], (await bob.ExpectAsync("PRIVMSG")).Params);
            Assert.Empty(await bob.FenceAsync());
        }
    }

    [Theory]
    [InlineData("+k :", "k")]
    [InlineData("+k :   ", "k")]
    [InlineData("+k :passphrase with spaces", "k")]
    [InlineData("+k a,b", "k")]
    [InlineData("+l :", "l")]
    public async Task An_invalid_key_or_limit_gets_696_with_star_for_the_parameter(string change, string letter)
    {
        var (server, alice, _, _) = await StartAsync();
        await using (server)
        {
            await alice.SendAsync($"MODE #c {change}");

            var replies = await alice.FenceAsync();
            Assert.Equal(["alice", "#c", letter, "*", replies.Single().Last], replies.Single(r => r.Command == "696").Params);
        }
    }

    [Fact]
    public async Task An_invalid_limit_value_is_named_in_696_and_a_long_key_is_cut_to_keylen()
    {
        var (server, alice, bob, _) = await StartAsync();
        await using (server)
        {
            await alice.SendAsync("MODE #c +l many");
            Assert.Equal(["alice", "#c", "l", "many"], (await alice.ExpectAsync("696")).Params.Take(4));

            await alice.SendAsync("MODE #c +k " + string.Concat(Enumerable.Repeat("long", 100)));
            var set = await bob.ExpectAsync("MODE");
            Assert.Equal(["#c", "+k", string.Concat(Enumerable.Repeat("long", 8))], set.Params); // KEYLEN=32
        }
    }

    [Theory]
    [InlineData("KICK #c,#c bob,carol :bye")]
    [InlineData("KICK #c bob,carol :bye")]
    public async Task Kick_of_several_users_is_one_kick_line_per_user(string kick)
    {
        var (server, alice, bob, carol) = await StartAsync();
        await using (server)
        {
            await carol.JoinAsync("#c");
            await alice.ExpectAsync("JOIN");
            await bob.ExpectAsync("JOIN");
            var watcher = await server.RegisterIrcAsync("watcher");
            await watcher.JoinAsync("#c");
            await alice.FenceAsync();

            await alice.SendAsync(kick);
            await alice.FenceAsync(); // handled: the KICKs are queued to the watcher

            var kicks = (await watcher.FenceAsync()).Where(r => r.Command == "KICK").ToList();
            Assert.Equal([["#c", "bob", "bye"], ["#c", "carol", "bye"]], kicks.Select(r => r.Params));
            Assert.Equal(["alice", "watcher"], server.Engine.FindChannel("#c")!.Members.Select(m => m.Nick));
        }
    }

    [Fact]
    public async Task Kick_pairs_channels_with_users_and_answers_each_channel_once()
    {
        var (server, alice, bob, carol) = await StartAsync();
        await using (server)
        {
            await carol.JoinAsync("#d");
            await bob.JoinAsync("#d");
            await alice.FenceAsync();

            await alice.SendAsync("KICK #c,#d bob,carol");
            Assert.Equal(["#c", "bob", "alice"], (await alice.ExpectAsync("KICK")).Params);
            Assert.Equal(["alice", "#d", "You're not on that channel"], (await alice.ExpectAsync("442")).Params);
            await alice.SendAsync("KICK #c,#d bob");
            Assert.Equal(["alice", "KICK", "Not enough parameters"], (await alice.ExpectAsync("461")).Params);
        }
    }

    [Fact]
    public async Task No_ctcp_mode_lets_actions_through_and_refuses_other_ctcp_from_everyone()
    {
        var (server, alice, bob, _) = await StartAsync();
        await using (server)
        {
            await alice.SendAsync("MODE #c +C");
            Assert.Equal(["#c", "+C"], (await bob.ExpectAsync("MODE")).Params);
            await alice.FenceAsync();

            await alice.SendAsync("PRIVMSG #c :\u0001ACTION hi\u0001");
            Assert.Equal(["#c", "\u0001ACTION hi\u0001"], (await bob.ExpectAsync("PRIVMSG")).Params);
            await alice.SendAsync("PRIVMSG #c :\u0001PING 1473523796 918320\u0001");
            Assert.Equal(["alice", "#c", "Cannot send CTCP to channel (+C)"], (await alice.ExpectAsync("404")).Params);
            await alice.SendAsync("NOTICE #c :\u0001VERSION x\u0001");
            Assert.Empty(await alice.FenceAsync()); // a NOTICE gets no error
            Assert.Empty(await bob.FenceAsync());
            await alice.SendAsync("MODE #c");
            Assert.Equal("+Cnt", (await alice.ExpectAsync("324"))[2]);
        }
    }

    [Fact]
    public async Task An_invitation_lets_one_user_past_the_member_limit()
    {
        var (server, alice, bob, carol) = await StartAsync();
        await using (server)
        {
            await alice.SendAsync("MODE #c +l 2");
            await bob.ExpectAsync("MODE");
            await carol.SendAsync("JOIN #c");
            Assert.Equal("471", (await carol.ExpectAsync("471")).Command);

            await alice.SendAsync("INVITE carol #c");
            await carol.ExpectAsync("INVITE");
            Assert.Equal("JOIN", (await carol.JoinAsync("#c"))[0].Command);
        }
    }
}
