using Charla.Integration.Tests.Support;

namespace Charla.Integration.Tests.Plain;

/// <summary>/nick, /who, /me, /msg, /help, /quit, unknown commands, and the lobby's topic on arrival.</summary>
public sealed class CommandTests
{
    [Fact]
    public async Task Nick_renames_and_the_others_are_told()
    {
        await using var server = await TestServer.StartAsync();
        var (a, b) = await server.ConnectPairAsync();

        await b.SendLineAsync("/nick ana");
        await b.ExpectAsync("* You are now ana.");
        await a.ExpectAsync($"* {b.Nick} is now ana");

        await b.SendLineAsync("after the rename");
        await b.ExpectAsync("(OK)");
        await a.ExpectAsync("ana: after the rename");
    }

    [Fact]
    public async Task A_nick_that_is_taken_in_any_case_or_invalid_is_refused_and_the_connection_stays()
    {
        await using var server = await TestServer.StartAsync();
        var a = await server.ConnectAsync();
        var b = await server.ConnectAsync();
        await a.SendLineAsync("/nick ana");
        await a.ReadUntilAsync(l => l == "* You are now ana.");
        await b.ExpectAsync($"* {a.Nick} is now ana");

        await b.SendLineAsync("/NICK ANA");
        await b.ExpectAsync("(ERROR) The nickname ANA is already in use.");
        await b.SendLineAsync("/nick 1st");
        Assert.StartsWith("(ERROR) Invalid nickname \"1st\"", await b.ReadLineAsync());
        await b.SendLineAsync("/nick has space");
        Assert.StartsWith("(ERROR) Invalid nickname \"has space\"", await b.ReadLineAsync());
        await b.SendLineAsync("/nick " + new string('x', 31));
        Assert.StartsWith("(ERROR) Invalid nickname", await b.ReadLineAsync());
        await b.SendLineAsync("/nick");
        await b.ExpectAsync("(ERROR) Usage: /nick NAME");

        await b.SendLineAsync("still connected");
        await b.ExpectAsync("(OK)");
        await a.ExpectAsync($"{b.Nick}: still connected");
        Assert.Empty(await a.FenceAsync()); // none of the refused names was announced
    }

    [Fact]
    public async Task Who_lists_the_lobby_in_arrival_order()
    {
        await using var server = await TestServer.StartAsync();
        var a = await server.ConnectAsync();
        var b = await server.ConnectAsync();
        await b.SendLineAsync("/nick bea");
        await b.ExpectAsync("* You are now bea.");

        await b.SendLineAsync("/who");

        await b.ExpectAsync($"* In the lobby (2): {a.Nick}, bea");
    }

    [Fact]
    public async Task Me_sends_an_action_acknowledged_like_a_message()
    {
        await using var server = await TestServer.StartAsync();
        var (a, b) = await server.ConnectPairAsync();

        await b.SendLineAsync("/me waves");
        await b.ExpectAsync("(OK)");
        await a.ExpectAsync($"* {b.Nick} waves");

        await b.SendLineAsync("/me");
        await b.ExpectAsync("(ERROR) Usage: /me ACTION");
        Assert.Empty(await a.FenceAsync());
    }

    [Fact]
    public async Task Msg_reaches_a_plain_user_and_an_IRC_user_alone_and_they_can_answer()
    {
        await using var server = await TestServer.StartAsync();
        var (a, b) = await server.ConnectPairAsync();
        var ian = await server.RegisterIrcAsync("ian"); // not in the lobby: a private message reaches anyone

        await a.SendLineAsync($"/msg {b.Nick} just for you");
        await a.ExpectAsync("(OK)");
        await b.ExpectAsync($"(private) {a.Nick}: just for you");

        await a.SendLineAsync("/msg IAN  and for you, ian");
        await a.ExpectAsync("(OK)");
        var privmsg = await ian.ExpectAsync("PRIVMSG");
        Assert.StartsWith($"{a.Nick}!", privmsg.Source, StringComparison.Ordinal);
        Assert.Equal(["ian", "and for you, ian"], privmsg.Params);

        await ian.SendAsync($"PRIVMSG {a.Nick} :thanks");
        await a.ExpectAsync("(private) ian: thanks");
        await b.SendLineAsync($"/msg {a.Nick} you too");
        await b.ExpectAsync("(OK)");
        await a.ExpectAsync($"(private) {b.Nick}: you too");
        Assert.Empty(await ian.FenceAsync()); // nobody else heard any of it
        Assert.Empty(await b.FenceAsync());
    }

    [Fact]
    public async Task Msg_to_nobody_or_without_text_is_refused_and_an_away_user_is_said_to_be_away()
    {
        await using var server = await TestServer.StartAsync();
        var a = await server.ConnectAsync();
        var ian = await server.RegisterIrcAsync("ian");

        await a.SendLineAsync("/msg nobody hello?");
        await a.ExpectAsync("(ERROR) No one called nobody is here; /who lists the lobby.");
        await a.SendLineAsync("/msg ian");
        await a.ExpectAsync("(ERROR) Usage: /msg NICK TEXT");
        await a.SendLineAsync("/msg ian   ");
        await a.ExpectAsync("(ERROR) Usage: /msg NICK TEXT");
        Assert.Empty(await ian.FenceAsync());

        await ian.SendAsync("AWAY :at lunch");
        await ian.ExpectAsync("306");
        await a.SendLineAsync("/msg ian are you there?");
        await a.ExpectAsync("(OK)");
        await a.ExpectAsync("* ian is away: at lunch");
        Assert.Equal("are you there?", (await ian.ExpectAsync("PRIVMSG")).Last);
    }

    [Fact]
    public async Task A_plain_user_arriving_is_told_the_lobby_topic_after_the_welcome()
    {
        await using var server = await TestServer.StartAsync();
        var ian = await server.RegisterIrcAsync("ian");
        await ian.JoinAsync("#lobby");
        var first = await server.ConnectAsync();
        Assert.Empty(await first.FenceAsync()); // no topic yet: nothing after the welcome

        await ian.SendAsync("TOPIC #lobby :be kind");
        await first.ExpectAsync("* ian set the topic: be kind");
        var second = await server.ConnectAsync();

        await second.ExpectAsync("* The topic is: be kind (set by ian)");
    }

    [Fact]
    public async Task Help_lists_every_command()
    {
        await using var server = await TestServer.StartAsync();
        var a = await server.ConnectAsync();

        await a.SendLineAsync("/help");
        var help = string.Join("\n", await a.ReadUntilAsync(l => l.Contains("/quit", StringComparison.Ordinal)));

        foreach (var command in new[] { "/nick NAME", "/who", "/me ACTION", "/msg NICK TEXT", "/help", "/quit [REASON]" })
        {
            Assert.Contains(command, help, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Quit_says_goodbye_closes_and_the_others_see_the_reason()
    {
        await using var server = await TestServer.StartAsync();
        var (a, b) = await server.ConnectPairAsync();

        await b.SendLineAsync("/quit off to lunch");

        Assert.Equal([$"* Goodbye, {b.Nick}."], await b.ReadToEndAsync());
        await a.ExpectAsync($"* {b.Nick} left (off to lunch)");
        await a.SendLineAsync("/who");
        await a.ExpectAsync($"* In the lobby (1): {a.Nick}");
    }

    [Fact]
    public async Task Quit_without_a_reason_reads_Quit_and_lines_after_it_are_not_handled()
    {
        await using var server = await TestServer.StartAsync();
        var (a, b) = await server.ConnectPairAsync();

        await b.SendAsync("/quit\nthis is never sent\n");

        Assert.Equal([$"* Goodbye, {b.Nick}."], await b.ReadToEndAsync());
        await a.ExpectAsync($"* {b.Nick} left (Quit)");
        Assert.Empty(await a.FenceAsync());
    }

    [Fact]
    public async Task An_unknown_command_gets_an_error_and_nothing_is_relayed()
    {
        await using var server = await TestServer.StartAsync();
        var (a, b) = await server.ConnectPairAsync();

        await b.SendLineAsync("/dance now");

        await b.ExpectAsync("(ERROR) Unknown command /dance. Type /help for the list.");
        Assert.Empty(await a.FenceAsync());
    }
}
