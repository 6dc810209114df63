using Charla.Integration.Tests.Support;

namespace Charla.Integration.Tests.Plain;

/// <summary>The original protocol: a line goes to every other client, never back, and the sender gets (OK).</summary>
public sealed class RelayTests
{
    [Fact]
    public async Task Three_clients_chat_each_line_reaches_the_two_others_and_the_sender_gets_OK()
    {
        await using var server = await TestServer.StartAsync();
        var a = await server.ConnectAsync();
        var b = await server.ConnectAsync();
        var c = await server.ConnectAsync();
        await a.ExpectAsync($"* {b.Nick} joined");
        await a.ExpectAsync($"* {c.Nick} joined");
        await b.ExpectAsync($"* {c.Nick} joined");

        await a.SendLineAsync("hello from a");
        await a.ExpectAsync("(OK)");
        await b.ExpectAsync($"{a.Nick}: hello from a");
        await c.ExpectAsync($"{a.Nick}: hello from a");

        await c.SendAsync("hi from c\r\n");
        await c.ExpectAsync("(OK)");
        await a.ExpectAsync($"{c.Nick}: hi from c");
        await b.ExpectAsync($"{c.Nick}: hi from c");

        // Nothing else arrived: in particular no client ever saw its own line.
        Assert.Empty(await a.FenceAsync());
        Assert.Empty(await b.FenceAsync());
        Assert.Empty(await c.FenceAsync());
    }

    [Fact]
    public async Task Every_message_is_acknowledged_and_relayed_in_order()
    {
        const int Count = 300;
        await using var server = await TestServer.StartAsync();
        var (sender, receiver) = await server.ConnectPairAsync();

        await sender.SendAsync(string.Concat(Enumerable.Range(0, Count).Select(i => $"message {i}\n")));

        for (var i = 0; i < Count; i++)
        {
            await sender.ExpectAsync("(OK)");
            await receiver.ExpectAsync($"{sender.Nick}: message {i}");
        }

        Assert.Empty(await sender.FenceAsync());
    }

    [Fact]
    public async Task Blank_lines_are_ignored_and_a_double_slash_sends_a_line_starting_with_slash()
    {
        await using var server = await TestServer.StartAsync();
        var (a, b) = await server.ConnectPairAsync();

        await a.SendAsync("\n\r\n   \n//etc/passwd is a path\n");

        await a.ExpectAsync("(OK)");
        await b.ExpectAsync($"{a.Nick}: /etc/passwd is a path");
        Assert.Empty(await a.FenceAsync());
    }

    [Fact]
    public async Task Unicode_text_is_relayed_intact()
    {
        await using var server = await TestServer.StartAsync();
        var (a, b) = await server.ConnectPairAsync();

        await a.SendLineAsync("¡hola, ñandú! 你好 👋\tand a tab");

        await a.ExpectAsync("(OK)");
        await b.ExpectAsync($"{a.Nick}: ¡hola, ñandú! 你好 👋\tand a tab");
    }
}
