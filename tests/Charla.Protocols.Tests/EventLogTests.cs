using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests;

/// <summary>What the server's operator finds in the log: registrations, nick changes, quits with reasons; never what was said.</summary>
public sealed class EventLogTests
{
    [Fact]
    public async Task Registration_nick_change_and_quit_are_one_line_each_and_message_text_never_appears()
    {
        await using var server = InMemoryServer.Start();
        var alice = await server.RegisterIrcAsync("alice");
        var plain = await server.ConnectPlainAsync();
        await alice.JoinAsync("#lobby");
        await plain.ExpectAsync("* alice joined");
        await alice.SendAsync("PRIVMSG #lobby :my secret plans");
        await plain.ExpectAsync("alice: my secret plans");

        await alice.SendAsync("NICK bob");
        await alice.ExpectAsync("NICK");
        await alice.SendAsync("QUIT :off to bed");
        await alice.ReadToEndAsync();
        await plain.ExpectAsync("* alice is now bob");
        await plain.ExpectAsync("* bob left (off to bed)");

        Assert.Equal(
            [
                "Registered (IRC): alice (~alice@127.0.0.1)",
                $"Registered (plain): {plain.Nick} (plain@127.0.0.1)",
                "Nick change: alice is now bob (~alice@127.0.0.1)",
                "Quit: bob (~alice@127.0.0.1): off to bed",
            ],
            server.Logged);
        Assert.DoesNotContain(server.Logged, line => line.Contains("secret", StringComparison.Ordinal));
    }
}
