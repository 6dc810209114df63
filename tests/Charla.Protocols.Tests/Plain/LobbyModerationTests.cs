using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests.Plain;

/// <summary>The lobby's moderators (configured nicks, server operators): /kick, /mute, /ban in plain mode; operator status in IRC.</summary>
public sealed class LobbyModerationTests
{
    private static InMemoryServer Start() => InMemoryServer.Start(plain: p => p.Moderators = ["mod", "ircmod"]);

    /// <summary>A plain-mode user that took a moderator's nick, and another that did not.</summary>
    private static async Task<(PlainClient Moderator, PlainClient User)> ModeratorAndUserAsync(InMemoryServer server)
    {
        var (moderator, user) = await server.ConnectPlainPairAsync();
        await moderator.SendLineAsync("/nick mod");
        await moderator.ExpectAsync("* You are now mod.");
        await user.ExpectAsync($"* {moderator.Nick} is now mod");
        return (moderator, user);
    }

    [Fact]
    public async Task A_moderator_kicks_a_plain_user_who_is_disconnected_with_the_reason_and_others_see_it()
    {
        await using var server = Start();
        var (moderator, troll) = await ModeratorAndUserAsync(server);
        var witness = await server.ConnectPlainAsync();
        await moderator.ExpectAsync($"* {witness.Nick} joined");
        await troll.ExpectAsync($"* {witness.Nick} joined");

        await troll.SendLineAsync("/kick mod");
        await troll.ExpectAsync("(ERROR) Only the lobby's moderators may use /kick.");
        await moderator.SendLineAsync($"/kick {troll.Nick} spamming links");

        Assert.Equal([$"* {troll.Nick} was removed by mod (spamming links)", "(ERROR) Disconnected: Kicked by mod (spamming links)."], await troll.ReadToEndAsync());
        await witness.ExpectAsync($"* {troll.Nick} was removed by mod (spamming links)");
        Assert.Empty(await witness.FenceAsync()); // no second line for the disconnection
        await moderator.SendLineAsync("/kick nobody");
        await moderator.ExpectAsync($"* {troll.Nick} was removed by mod (spamming links)");
        await moderator.ExpectAsync("(ERROR) No one called nobody is here; /who lists the lobby.");
    }

    [Fact]
    public async Task A_muted_user_stays_and_hears_but_its_lines_are_refused_until_unmuted()
    {
        await using var server = Start();
        var (moderator, chatty) = await ModeratorAndUserAsync(server);

        await moderator.SendLineAsync($"/mute {chatty.Nick}");
        await moderator.ExpectAsync("* Muted *!*@127.0.0.1.");
        await chatty.SendLineAsync("can anyone hear me?");
        await chatty.ExpectAsync("(ERROR) You may not speak in the lobby now (a moderator muted you); the line was not sent.");
        await chatty.SendLineAsync("/me waves");
        await chatty.ExpectAsync("(ERROR) You may not speak in the lobby now (a moderator muted you); the line was not sent.");
        await moderator.SendLineAsync("moderators still speak");
        await moderator.ExpectAsync("(OK)");
        await chatty.ExpectAsync("mod: moderators still speak");
        Assert.Empty(await moderator.FenceAsync());

        await moderator.SendLineAsync($"/unmute {chatty.Nick}");
        await moderator.ExpectAsync("* Unmuted *!*@127.0.0.1.");
        await chatty.SendLineAsync("back");
        await chatty.ExpectAsync("(OK)");
        await moderator.ExpectAsync($"{chatty.Nick}: back");
    }

    [Fact]
    public async Task A_banned_mask_cannot_speak_and_a_matching_plain_user_is_refused_on_arrival_until_unbanned()
    {
        await using var server = Start();
        var (moderator, guest) = await ModeratorAndUserAsync(server);

        await moderator.SendLineAsync("/ban Guest*!*@*");
        await moderator.ExpectAsync("* Banned Guest*!*@* from the lobby.");
        await guest.SendLineAsync("hello?");
        await guest.ExpectAsync("(ERROR) You may not speak in the lobby now (a moderator muted you); the line was not sent.");
        var refused = await server.ConnectPlainAsync(readWelcome: false);
        Assert.Equal(["(ERROR) Disconnected: The lobby would not let you in: you are banned from it."], await refused.ReadToEndAsync());

        await moderator.SendLineAsync("/unban Guest*!*@*");
        await moderator.ExpectAsync("* Lifted the ban on Guest*!*@*.");
        var welcome = await server.ConnectPlainAsync();
        Assert.StartsWith("Guest", welcome.Nick, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Moderators_and_server_operators_are_the_lobbys_operators_in_IRC_and_their_kick_disconnects_a_plain_user()
    {
        await using var server = InMemoryServer.Start(
            irc => irc.Operators = [new Charla.Protocols.Irc.IrcOperator { Name = "root", PasswordHash = TestPasswords.Hash("s3cret") }],
            plain: p => p.Moderators = ["ircmod"]);
        var plain = await server.ConnectPlainAsync();
        var ircmod = await server.RegisterIrcAsync("ircmod");
        var names = await ircmod.JoinAsync("#lobby");
        Assert.Contains("@ircmod", names.Single(r => r.Command == "353").Last.Split(' '));
        await plain.ExpectAsync("* ircmod joined");

        await ircmod.SendAsync("MODE #lobby +m");
        Assert.Equal(["#lobby", "+m"], (await ircmod.ExpectAsync("MODE")).Params);
        await plain.SendLineAsync("quiet now?");
        await plain.ExpectAsync("(ERROR) You may not speak in the lobby now (a moderator muted you); the line was not sent.");

        var admin = await server.RegisterIrcAsync("admin");
        await TestOperators.OperAsync(admin);
        await admin.JoinAsync("#lobby");
        await admin.SendAsync($"KICK #lobby {plain.Nick} :bye");
        Assert.EndsWith("(ERROR) Disconnected: Kicked by admin (bye).", string.Join('\n', await plain.ReadToEndAsync()), StringComparison.Ordinal);
        Assert.DoesNotContain(server.Logged, l => l.Contains("used override", StringComparison.Ordinal)); // a lobby moderator needs no override
    }
}
