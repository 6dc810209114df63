using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Charla.Integration.Tests.Support;
using Charla.Server.Hosting;

namespace Charla.Integration.Tests.Transports;

/// <summary>
/// A full server (Tcp:MaxConnections, or the descriptor limit less the server's reserve) tells each
/// client it cannot take that it is full, in the client's protocol, closes that connection, keeps
/// serving those it has, and takes new ones once some leave.
/// </summary>
public sealed partial class ServerFullTests
{
    private const string PlainRefusal = "(ERROR) The server is full; try again later.";

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public async Task Past_MaxConnections_plain_and_IRC_clients_are_told_the_server_is_full_and_closed(string epoll)
    {
        await using var server = await TestServer.StartAsync(("Tcp:Epoll", epoll), ("Tcp:MaxConnections", "2"), ("Plain:ReplayLines", "0"));
        var first = await server.ConnectAsync(); // plain and IRC share the two
        var inside = await server.RegisterIrcAsync("inside");
        await inside.JoinAsync("#lobby");
        await first.ExpectAsync("* inside joined");

        var plain = await server.ConnectAsync(readWelcome: false);
        Assert.Equal(PlainRefusal, await plain.ReadLineAsync());
        Assert.Null(await plain.ReadLineAsync()); // closed

        var irc = await server.ConnectIrcAsync();
        try
        {
            // As IRC clients do, it speaks at once; it may find the connection closed already.
            await irc.SendAsync("NICK late\r\nUSER late 0 * :Late");
        }
        catch (IOException)
        {
        }

        var refusal = await irc.ReadAsync();
        Assert.Equal("ERROR", refusal?.Command);
        Assert.Equal("Closing Link: 127.0.0.1 (Server is full, try again later)", refusal?.Last);
        Assert.Null(await irc.ReadAsync());

        // Those inside chat on.
        await first.SendLineAsync("still here");
        await first.ExpectAsync("(OK)");
        var relayed = await inside.ExpectAsync("PRIVMSG");
        Assert.Equal(["#lobby", "still here"], relayed.Params);

        // One leaves: the next is welcomed.
        await first.SendLineAsync("/quit");
        Assert.Null((await first.ReadToEndAsync()).FirstOrDefault(line => line.StartsWith("(ERROR)", StringComparison.Ordinal)));
        var next = await ConnectWhenFreeAsync(server.PlainEndPoint);
        await next.SendLineAsync("hello");
        await next.ExpectAsync("(OK)");
        await next.DisposeAsync();
    }

    [LinuxFact("the descriptor limit is set with prlimit(1)")]
    public async Task Out_of_descriptors_the_server_refuses_clearly_and_lives_on()
    {
        // About 180 descriptors are open once the runtime has started (it keeps each assembly it
        // loads open) and 128 are kept in reserve: a limit of 400 leaves room for a few dozen clients.
        var (process, port) = await TestProcess.StartServerAsync(descriptorLimit: 400);
        using (process)
        {
            var capacity = int.Parse(
                (await process.WaitForOutputAsync(AtMost())).Groups["capacity"].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(capacity, 10, 400);
            var endpoint = new IPEndPoint(IPAddress.Loopback, port);

            var welcomed = new List<PlainClient>();
            for (var i = 0; i < capacity; i++)
            {
                welcomed.Add(await PlainClient.ConnectAsync(endpoint));
            }

            // A crowd more than the descriptors left: every one refused in words, none crashes the server.
            var crowd = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => PlainClient.ConnectAsync(endpoint, readWelcome: false)));
            foreach (var refused in crowd)
            {
                Assert.Equal(PlainRefusal, await refused.ReadLineAsync());
                await refused.DisposeAsync();
            }

            Assert.False(process.HasExited, $"the server died: {process.Stdout} {process.Stderr}");
            await process.WaitForOutputAsync(new("the server is full"));

            // Those inside chat on; when one leaves, a newcomer gets its place.
            await welcomed[0].SendLineAsync("still here");
            await welcomed[0].ReadUntilAsync(line => line == "(OK)"); // after the others' joins
            await welcomed[^1].DisposeAsync();
            welcomed[^1] = await ConnectWhenFreeAsync(endpoint);
            foreach (var client in welcomed)
            {
                await client.DisposeAsync();
            }

            Assert.False(process.HasExited, $"the server died: {process.Stdout} {process.Stderr}");
            Assert.DoesNotContain("Out of memory", process.Stdout + process.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task HTTP_connections_past_their_cap_are_closed_and_health_answers_once_one_leaves()
    {
        await using var server = await TestServer.StartAsync();
        var held = new List<Socket>();
        try
        {
            for (var i = 0; i < CharlaServer.HttpMaxConnections; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(server.HttpEndPoint);
                held.Add(socket);

                // Answered, so Kestrel has accepted it (a connection still in the kernel's backlog is not counted yet); kept alive.
                await socket.SendAsync("GET /healthz HTTP/1.1\r\nHost: charla\r\n\r\n"u8.ToArray());
                var answer = new byte[1024];
                var length = await socket.ReceiveAsync(answer);
                Assert.StartsWith("HTTP/1.1 200", System.Text.Encoding.ASCII.GetString(answer, 0, length), StringComparison.Ordinal);
            }

            // Kestrel counts a connection once it has accepted it: the one past the cap is closed at once.
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync(HealthUri(server)));

            held[0].Dispose();
            held.RemoveAt(0);
            string? health = null;
            for (var attempt = 0; attempt < 100 && health is null; attempt++)
            {
                try
                {
                    health = await http.GetStringAsync(HealthUri(server));
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(50); // the closed one is counted out a moment later
                }
            }

            Assert.Equal("ok\n", health);
            await using var chat = await server.ConnectAsync(); // the chat listeners never noticed
        }
        finally
        {
            held.ForEach(socket => socket.Dispose());
        }
    }

    private static Uri HealthUri(TestServer server) => new($"http://127.0.0.1:{server.HttpEndPoint.Port}/healthz");

    /// <summary>Connects until welcomed: a slot is given back a moment after its client has gone.</summary>
    private static async Task<PlainClient> ConnectWhenFreeAsync(IPEndPoint endpoint)
    {
        for (var attempt = 0; ; attempt++)
        {
            var client = await PlainClient.ConnectAsync(endpoint, readWelcome: false);
            var line = await client.ReadLineAsync();
            if (line?.StartsWith("* Welcome to Charla, ", StringComparison.Ordinal) == true)
            {
                return client;
            }

            await client.DisposeAsync();
            Assert.True(line == PlainRefusal && attempt < 100, $"expected a welcome or the refusal, got: {line}");
            await Task.Delay(50);
        }
    }

    [GeneratedRegex(@"At most (?<capacity>\d+) chat connections")]
    private static partial Regex AtMost();
}
