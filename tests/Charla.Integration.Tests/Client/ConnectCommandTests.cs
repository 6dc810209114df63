using System.Net;
using System.Net.Sockets;
using Charla.Integration.Tests.Support;

namespace Charla.Integration.Tests.Client;

/// <summary><c>charla connect</c> as a process, its stdin and stdout redirected, as a script would use it.</summary>
public sealed class ConnectCommandTests
{
    [Fact]
    public async Task Piped_lines_are_sent_answers_printed_and_quit_exits_0()
    {
        await using var server = await TestServer.StartAsync();
        var observer = await server.ConnectAsync();
        using var process = TestProcess.Start(["connect", "127.0.0.1", $"{server.PlainEndPoint.Port}"]);

        await process.StandardInput.WriteAsync("hello from a pipe\n/who\n/quit done\n");
        await process.StandardInput.FlushAsync();

        Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var output = process.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^\* Welcome to Charla, Guest\d+!", output[0]);
        var nick = output[0].Split(' ')[4].TrimEnd('!');
        Assert.Equal(["(OK)", $"* In the lobby (2): {observer.Nick}, {nick}", $"* Goodbye, {nick}."], output[1..]);
        Assert.Equal(string.Empty, process.Stderr);

        await observer.ExpectAsync($"* {nick} joined");
        await observer.ExpectAsync($"{nick}: hello from a pipe");
        await observer.ExpectAsync($"* {nick} left (done)");
    }

    [Fact]
    public async Task At_the_end_of_input_it_prints_the_last_answers_and_exits_0()
    {
        await using var server = await TestServer.StartAsync();
        var observer = await server.ConnectAsync();
        using var process = TestProcess.Start(["connect", "127.0.0.1", $"{server.PlainEndPoint.Port}"]);

        await process.StandardInput.WriteAsync("one\ntwo\n");
        process.StandardInput.Close();

        Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.EndsWith("(OK)\n(OK)\n", process.Stdout, StringComparison.Ordinal);
        var seen = await observer.ReadUntilAsync(l => l.Contains(" left (", StringComparison.Ordinal));
        Assert.Equal(2, seen.Count(l => l.EndsWith(": one", StringComparison.Ordinal) || l.EndsWith(": two", StringComparison.Ordinal)));
        Assert.EndsWith(" left (Connection closed)", seen[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task It_says_clearly_when_it_cannot_connect()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        using var process = TestProcess.Start(["connect", "127.0.0.1", $"{port}"]);

        Assert.Equal(1, await process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal($"charla: cannot connect to 127.0.0.1:{port}: Connection refused\n", process.Stderr);
        Assert.Equal(string.Empty, process.Stdout);
    }

    [Fact]
    public async Task It_says_clearly_when_the_server_goes_away()
    {
        var server = await TestServer.StartAsync();
        using var process = TestProcess.Start(["connect", "127.0.0.1", $"{server.PlainEndPoint.Port}"]);
        await process.WaitForOutputAsync(new(@"Welcome to Charla"));

        await server.DisposeAsync();

        Assert.Equal(2, await process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.EndsWith("* The server is shutting down. Goodbye.\n", process.Stdout, StringComparison.Ordinal);
        Assert.Equal("charla: the server closed the connection.\n", process.Stderr);
    }
}
