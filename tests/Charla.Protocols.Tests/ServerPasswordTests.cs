using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests;

/// <summary>A server password: IRC PASS and plain mode's /pass, checked before anyone is admitted; wrong or missing closes.</summary>
public sealed class ServerPasswordTests
{
    private static InMemoryServer Start() => InMemoryServer.Start(passwordHash: TestPasswords.Hash("letmein"));

    [Fact]
    public async Task An_IRC_client_with_the_right_PASS_registers_and_one_without_or_with_a_wrong_one_gets_464_and_is_closed()
    {
        await using var server = Start();

        var without = await server.ConnectIrcAsync();
        await without.SendAsync("NICK a\r\nUSER a 0 * :A");
        var replies = await without.ReadToEndAsync();
        Assert.Equal(["464", "ERROR"], replies.Select(r => r.Command));
        Assert.Equal("Closing Link: 127.0.0.1 (Bad password)", replies[^1].Last);

        var wrong = await server.ConnectIrcAsync();
        await wrong.SendAsync("PASS guess\r\nNICK b\r\nUSER b 0 * :B");
        Assert.Equal(["464", "ERROR"], (await wrong.ReadToEndAsync()).Select(r => r.Command));

        var right = await server.ConnectIrcAsync();
        await right.SendAsync("PASS letmein\r\nNICK c\r\nUSER c 0 * :C");
        Assert.Equal("001", (await right.ExpectAsync("001")).Command);
        Assert.Equal(1, server.Engine.SessionCount);
    }

    [Fact]
    public async Task A_plain_user_is_asked_for_the_password_hears_nothing_before_it_and_a_wrong_one_closes()
    {
        await using var server = Start();
        var member = await server.ConnectPlainAsync(readWelcome: false);
        await member.ExpectAsync("* This server needs a password: type /pass PASSWORD");
        await member.SendLineAsync("hello?");
        await member.ExpectAsync("* This server needs a password: type /pass PASSWORD");
        await member.SendLineAsync("/pass letmein");
        await member.ReadWelcomeAsync();

        var stranger = await server.ConnectPlainAsync(readWelcome: false);
        await stranger.ExpectAsync("* This server needs a password: type /pass PASSWORD");
        Assert.Empty(await member.FenceAsync()); // not admitted: nobody saw it join
        await stranger.SendLineAsync("/pass guess");
        Assert.Equal(["(ERROR) Disconnected: Wrong password."], await stranger.ReadToEndAsync());
        Assert.Equal(1, server.Engine.SessionCount);
    }
}
