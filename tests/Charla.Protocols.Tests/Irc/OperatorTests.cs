using Charla.Protocols.Irc;
using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests.Irc;

/// <summary>OPER, user modes o and w, WALLOPS and CHGHOST (with the chghost capability).</summary>
public sealed class OperatorTests
{
    private static InMemoryServer Start() =>
        InMemoryServer.Start(irc => irc.Operators = [new IrcOperator { Name = "root", Password = "s3cret" }]);

    [Fact]
    public async Task Oper_checks_name_and_password_then_gives_plus_o_shown_in_whois_who_and_lusers()
    {
        await using var server = Start();
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
        await using var server = Start();
        var admin = await server.RegisterIrcAsync("admin");
        var listener = await server.RegisterIrcAsync("listener");
        var deaf = await server.RegisterIrcAsync("deaf");

        await admin.SendAsync("WALLOPS :too early");
        Assert.Equal("481", (await admin.ExpectAsync("481")).Command);
        await listener.SendAsync("MODE listener +w");
        Assert.Equal(["listener", "+w"], (await listener.ExpectAsync("MODE")).Params);
        await admin.SendAsync("OPER root s3cret");
        await admin.ReadUntilAsync(r => r.Command == "381");

        await admin.SendAsync("WALLOPS :maintenance at noon");

        var wallops = await listener.ExpectAsync("WALLOPS");
        Assert.Equal("admin!~admin@127.0.0.1", wallops.Source);
        Assert.Equal(["maintenance at noon"], wallops.Params);
        Assert.Empty(await deaf.FenceAsync());
    }

    [Fact]
    public async Task Chghost_changes_a_users_host_and_chghost_clients_see_it()
    {
        await using var server = Start();
        var admin = await server.RegisterIrcAsync("admin");
        var watcher = await server.RegisterIrcAsync("watcher", "chghost");
        var target = await server.RegisterIrcAsync("target");
        await watcher.JoinAsync("#c");
        await target.JoinAsync("#c");
        await watcher.ExpectAsync("JOIN");

        await admin.SendAsync("CHGHOST target newuser example.org");
        Assert.Equal("481", (await admin.ExpectAsync("481")).Command);
        await admin.SendAsync("OPER root s3cret");
        await admin.ReadUntilAsync(r => r.Command == "381");
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
        await using var server = Start();
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
        await using var server = Start();
        var (admin, victim) = await server.IrcPairInChannelAsync("#c", "admin", "victim");
        var plain = await server.ConnectPlainAsync();
        await victim.SendAsync("KILL admin :no");
        Assert.Equal(["victim", "Permission Denied- You're not an IRC operator"], (await victim.ExpectAsync("481")).Params);
        await admin.SendAsync("OPER root s3cret");
        await admin.ReadUntilAsync(r => r.Command == "381");

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
}
