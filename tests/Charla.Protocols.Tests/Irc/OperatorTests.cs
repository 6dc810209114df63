using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests.Irc;

/// <summary>OPER, user modes o and w, WALLOPS, CHGHOST (with the chghost capability), KILL, operator classes and override.</summary>
public sealed class OperatorTests
{
    [Fact]
    public async Task Oper_checks_name_and_password_then_gives_plus_o_shown_in_whois_who_and_lusers()
    {
        await using var server = TestOperators.Start();
        var admin = await server.RegisterIrcAsync("admin");
        var other = await server.RegisterIrcAsync("other");

        await admin.SendAsync("OPER nobody s3cret");
        Assert.Equal("491", (await admin.ExpectAsync("491")).Command);
        await admin.SendAsync("OPER root wrong");
        Assert.Equal(["admin", "Password incorrect"], (await admin.ExpectAsync("464")).Params);
        await admin.SendAsync("OPER root s3cret");
        Assert.Equal(["admin", "+o"], (await admin.ExpectAsync("MODE")).Params);
        Assert.Equal(["admin", "You are now an IRC operator"], (await admin.ExpectAsync("381")).Params);

        await other.SendAsync("WHOIS admin");
        Assert.Contains(await other.ReadUntilAsync(r => r.Command == "318"), r => r.Command == "313");
        await other.SendAsync("WHO admin");
        Assert.Equal("H*", (await other.ExpectAsync("352"))[6]);
        await other.ExpectAsync("315");
        await other.SendAsync("LUSERS");
        Assert.Equal(["other", "1", "operator(s) online"], (await other.ReadUntilAsync(r => r.Command == "252"))[^1].Params);

        await admin.SendAsync("MODE admin -o");
        Assert.Equal(["admin", "-o"], (await admin.ExpectAsync("MODE")).Params);
        await admin.SendAsync("MODE admin +o");
        await admin.SendAsync("MODE admin");
        Assert.Equal(["admin", "+"], (await admin.ExpectAsync("221")).Params);
    }

    [Fact]
    public async Task Wallops_reach_users_with_plus_w_and_need_an_operator()
    {
        await using var server = TestOperators.Start();
        var admin = await server.RegisterIrcAsync("admin");
        var listener = await server.RegisterIrcAsync("listener");
        var deaf = await server.RegisterIrcAsync("deaf");

        await admin.SendAsync("WALLOPS :too early");
        Assert.Equal("481", (await admin.ExpectAsync("481")).Command);
        await listener.SendAsync("MODE listener +w");
        Assert.Equal(["listener", "+w"], (await listener.ExpectAsync("MODE")).Params);
        await TestOperators.OperAsync(admin);

        await admin.SendAsync("WALLOPS :maintenance at noon");

        var wallops = await listener.ExpectAsync("WALLOPS");
        Assert.Equal("admin!~admin@127.0.0.1", wallops.Source);
        Assert.Equal(["maintenance at noon"], wallops.Params);
        Assert.Empty(await deaf.FenceAsync());
    }

    [Fact]
    public async Task Chghost_changes_a_users_host_and_chghost_clients_see_it()
    {
        await using var server = TestOperators.Start();
        var admin = await server.RegisterIrcAsync("admin");
        var watcher = await server.RegisterIrcAsync("watcher", "chghost");
        var target = await server.RegisterIrcAsync("target");
        await watcher.JoinAsync("#c");
        await target.JoinAsync("#c");
        await watcher.ExpectAsync("JOIN");

        await admin.SendAsync("CHGHOST target newuser example.org");
        Assert.Equal("481", (await admin.ExpectAsync("481")).Command);
        await TestOperators.OperAsync(admin);
        await admin.SendAsync("CHGHOST target newuser bad!host");
        Assert.Equal("INVALID_HOST", (await admin.ExpectAsync("FAIL"))[1]);

        await admin.SendAsync("CHGHOST target newuser example.org");

        var change = await watcher.ExpectAsync("CHGHOST");
        Assert.Equal("target!~target@127.0.0.1", change.Source);
        Assert.Equal(["newuser", "example.org"], change.Params);
        await watcher.SendAsync("WHOIS target");
        Assert.Equal(["watcher", "target", "newuser", "example.org", "*", "The target"], (await watcher.ExpectAsync("311")).Params);
        await target.SendAsync("PRIVMSG #c :hi");
        Assert.Equal("target!newuser@example.org", (await watcher.ReadUntilAsync(r => r.Command == "PRIVMSG"))[^1].Source);
    }

    [Fact]
    public async Task Away_notify_clients_learn_that_a_joiner_is_away()
    {
        await using var server = TestOperators.Start();
        var watcher = await server.RegisterIrcAsync("watcher", "away-notify");
        var joiner = await server.RegisterIrcAsync("joiner");
        await watcher.JoinAsync("#c");
        await joiner.SendAsync("AWAY :not here");
        await joiner.ExpectAsync("306");

        await joiner.JoinAsync("#c");

        await watcher.ExpectAsync("JOIN");
        Assert.Equal(["not here"], (await watcher.ExpectAsync("AWAY")).Params);
    }

    [Fact]
    public async Task Kill_by_an_operator_closes_the_user_with_the_reason_and_its_channels_see_it()
    {
        await using var server = TestOperators.Start();
        var (admin, victim) = await server.IrcPairInChannelAsync("#c", "admin", "victim");
        var plain = await server.ConnectPlainAsync();
        await victim.SendAsync("KILL admin :no");
        Assert.Equal(["victim", "Permission Denied- You're not an IRC operator"], (await victim.ExpectAsync("481")).Params);
        await TestOperators.OperAsync(admin);

        await admin.SendAsync("KILL nobody :x");
        Assert.Equal(["admin", "nobody", "No such nick/channel"], (await admin.ExpectAsync("401")).Params);
        await admin.SendAsync("KILL victim :spamming");

        Assert.Equal("Closing Link: 127.0.0.1 (Killed (admin (spamming)))", (await victim.ReadToEndAsync()).Last().Last);
        var quit = await admin.ExpectAsync("QUIT");
        Assert.Equal(["Killed (admin (spamming))"], quit.Params);
        Assert.Equal("victim!~victim@127.0.0.1", quit.Source);

        await admin.SendAsync($"KILL {plain.Nick}");
        Assert.Equal(["(ERROR) Disconnected: Killed (admin (no reason given))."], await plain.ReadToEndAsync());
    }

    [Fact]
    public async Task Oper_logins_and_failures_are_logged_without_the_password()
    {
        await using var server = TestOperators.Start();
        var admin = await server.RegisterIrcAsync("admin");

        await admin.SendAsync("OPER nobody s3cret");
        await admin.ExpectAsync("491");
        await admin.SendAsync("OPER root wrong");
        await admin.ExpectAsync("464");
        await TestOperators.OperAsync(admin);
        await admin.SendAsync("MODE admin -o");
        await admin.ExpectAsync("MODE");

        Assert.Equal(
            [
                "Registered (IRC): admin (~admin@127.0.0.1)",
                "Failed OPER by admin (~admin@127.0.0.1) as nobody: no such operator",
                "Failed OPER by admin (~admin@127.0.0.1) as root: wrong password",
                "Operator admin (~admin@127.0.0.1) logged in as root, class admin: kill, ban, override, rehash, see-addresses, wallops, chghost",
                "Operator admin (root) stopped being an operator",
            ],
            server.Logged);
        Assert.DoesNotContain(server.Logged, line => line.Contains("s3cret", StringComparison.Ordinal) || line.Contains("wrong", StringComparison.Ordinal) && !line.EndsWith("wrong password", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lines_sent_right_behind_oper_wait_for_its_password_check_and_are_handled_in_order()
    {
        await using var server = TestOperators.Start();
        var admin = await server.RegisterIrcAsync("admin");
        var victim = await server.RegisterIrcAsync("victim");

        await admin.SendAsync("OPER root s3cret\r\nKILL victim :right after\r\nPING :done");

        var replies = await admin.ReadUntilAsync(r => r.Command == "PONG");
        Assert.Equal(["MODE", "381", "PONG"], replies.Select(r => r.Command));
        Assert.Equal("Closing Link: 127.0.0.1 (Killed (admin (right after)))", (await victim.ReadToEndAsync()).Last().Last);
    }

    [Fact]
    public async Task An_operator_whose_class_lacks_a_privilege_gets_723_naming_it()
    {
        await using var server = TestOperators.Start();
        var helper = await server.RegisterIrcAsync("helpful");
        var victim = await server.RegisterIrcAsync("victim");
        await TestOperators.OperAsync(helper, "helper", "h3lp");

        await helper.SendAsync("WALLOPS :hello");
        Assert.Equal(["helpful", "wallops", "Insufficient oper privileges."], (await helper.ExpectAsync("723")).Params);
        await helper.SendAsync("CHGHOST victim a b.c");
        Assert.Equal(["helpful", "chghost", "Insufficient oper privileges."], (await helper.ExpectAsync("723")).Params);
        await helper.SendAsync("KICK #nowhere victim");
        Assert.Equal("403", (await helper.ExpectAsync("403")).Command);

        await helper.SendAsync("KILL victim :allowed");
        Assert.Equal("Closing Link: 127.0.0.1 (Killed (helpful (allowed)))", (await victim.ReadToEndAsync()).Last().Last);
        Assert.Contains("Operator helpful (helper) killed victim (~victim@127.0.0.1): allowed", server.Logged);
    }

    [Fact]
    public async Task An_operator_with_override_kicks_and_sets_modes_in_a_channel_it_does_not_operate_and_it_is_told_and_logged()
    {
        await using var server = TestOperators.Start();
        var (chanop, troll) = await server.IrcPairInChannelAsync("#c", "chanop", "troll");
        var admin = await server.RegisterIrcAsync("admin");
        await admin.SendAsync("KICK #c troll");
        Assert.Equal("442", (await admin.ExpectAsync("442")).Command); // not yet an operator: the usual answer
        await TestOperators.OperAsync(admin);

        await admin.SendAsync("KICK #c troll :enough");

        Assert.Equal(["#c", "troll", "enough"], (await troll.ExpectAsync("KICK")).Params);
        var notices = await admin.ExpectAsync("NOTICE");
        Assert.Equal(["admin", "admin used operator override on #c: KICK #c troll"], notices.Params);
        var toChanop = await chanop.ReadUntilAsync(r => r.Command == "KICK"); // told first, then the kick itself
        Assert.Equal(["NOTICE", "KICK"], toChanop.Select(r => r.Command));
        Assert.Equal(["chanop", "admin used operator override on #c: KICK #c troll"], toChanop[0].Params);
        Assert.Equal("admin!~admin@127.0.0.1", toChanop[1].Source);

        await admin.JoinAsync("#c");
        await chanop.ExpectAsync("JOIN");
        await admin.SendAsync("MODE #c +o admin");
        Assert.Equal(["#c", "+o", "admin"], (await chanop.ReadUntilAsync(r => r.Command == "MODE"))[^1].Params);
        Assert.Contains("Operator admin (root) used override on #c: KICK #c troll", server.Logged);
        Assert.Contains("Operator admin (root) used override on #c: MODE #c +o admin", server.Logged);
    }

    [Fact]
    public async Task Without_override_an_operator_is_refused_like_anyone_and_nothing_is_logged_as_override()
    {
        await using var server = TestOperators.Start();
        var (_, troll) = await server.IrcPairInChannelAsync("#c", "chanop", "troll");
        var helper = await server.RegisterIrcAsync("helpful");
        await TestOperators.OperAsync(helper, "helper", "h3lp");
        await helper.JoinAsync("#c");

        await helper.SendAsync("KICK #c troll");
        Assert.Equal(["helpful", "#c", "You're not channel operator"], (await helper.ExpectAsync("482")).Params);
        await helper.SendAsync("MODE #c +m");
        Assert.Equal("482", (await helper.ExpectAsync("482")).Command);
        Assert.DoesNotContain(server.Logged, line => line.Contains("used override", StringComparison.Ordinal));
        Assert.Equal(["JOIN"], (await troll.FenceAsync()).Select(r => r.Command)); // the operator's join, no kick, no mode
    }

    [Fact]
    public async Task Samode_sets_modes_on_a_channel_the_operator_is_not_in_and_is_refused_to_others()
    {
        await using var server = TestOperators.Start();
        var (chanop, member) = await server.IrcPairInChannelAsync("#c", "chanop", "member");
        var admin = await server.RegisterIrcAsync("admin");
        var helper = await server.RegisterIrcAsync("helpful");
        await member.SendAsync("SAMODE #c +o member");
        Assert.Equal("481", (await member.ExpectAsync("481")).Command);
        await TestOperators.OperAsync(helper, "helper", "h3lp");
        await helper.SendAsync("SAMODE #c +o helpful");
        Assert.Equal(["helpful", "override", "Insufficient oper privileges."], (await helper.ExpectAsync("723")).Params);
        await TestOperators.OperAsync(admin);

        await admin.SendAsync("SAMODE #c +o member");

        var change = (await member.ReadUntilAsync(r => r.Command == "MODE"))[^1];
        Assert.Equal("admin!~admin@127.0.0.1", change.Source);
        Assert.Equal(["#c", "+o", "member"], change.Params);
        Assert.Contains(await chanop.ReadUntilAsync(r => r.Command == "MODE"), r => r.Command == "NOTICE" && r.Last.Contains("used operator override on #c", StringComparison.Ordinal));
        Assert.Contains("Operator admin (root) used override on #c: MODE #c +o member", server.Logged);
    }
}
