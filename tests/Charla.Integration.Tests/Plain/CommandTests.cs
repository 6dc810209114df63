using Charla.Integration.Tests.Support;

namespace Charla.Integration.Tests.Plain;

/// <summary>/nick, /who, /me, /help, /quit and unknown commands.</summary>
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
    public async Task Help_lists_every_command()
    {
        await using var server = await TestServer.StartAsync();
        var a = await server.ConnectAsync();

        await a.SendLineAsync("/help");
        var help = string.Join("\n", await a.ReadUntilAsync(l => l.Contains("/quit", StringComparison.Ordinal)));

        foreach (var command in new[] { "/nick NAME", "/who", "/me ACTION", "/help", "/quit [REASON]" })
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
