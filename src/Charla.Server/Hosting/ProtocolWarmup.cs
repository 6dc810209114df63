using System.Diagnostics;
using System.IO.Pipelines;
using System.Text;
using Charla.Core;
using Charla.Protocols.Connections;
using Charla.Protocols.Irc;
using Charla.Protocols.Plain;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Charla.Server.Hosting;

/// <summary>
/// Before the listeners open, runs a scripted IRC conversation and a plain-mode one through the
/// real protocol code over in-memory pipes, on an engine of its own, so the methods every client
/// uses are compiled before the first client comes.
/// </summary>
/// <remarks>
/// Why: the server runs without tiered compilation (each method is compiled once, fully
/// optimised, when first called), so the first PRIVMSG of a fresh server took about 25 ms to
/// compile its path; the first user, and a conformance suite that checks that a message sent
/// a few milliseconds before a PING arrives before its PONG, saw that. The warm-up takes a few
/// hundred milliseconds once at startup.
/// </remarks>
public sealed class ProtocolWarmup(ILogger<ProtocolWarmup> logger) : IHostedService
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    // Two IRC clients and one plain-mode client go through what clients do most, then leave.
    private static readonly string[] Alice =
    [
        "CAP LS 302", "NICK alice", "USER alice 0 * :Alice", "CAP REQ :message-tags server-time echo-message", "CAP END",
        "JOIN #warm", "MODE #warm", "MODE #warm +nt", "TOPIC #warm :warming up", "NAMES #warm", "WHO #warm", "WHO %tcuhnfr,1",
        "PRIVMSG #warm :hello", "PRIVMSG bob :hi", "NOTICE #warm :note", "@+typing=active TAGMSG #warm", "PRIVMSG #warm :\u0001ACTION waves\u0001",
        "WHOIS bob", "LIST", "LUSERS", "MOTD", "AWAY :away", "AWAY", "MONITOR + bob,carol", "MONITOR L", "ISON bob", "USERHOST bob",
        "NICK alice2", "NICK alice", "PART #warm :bye", "JOIN #warm", "HELP", "PING :done",
    ];

    private static readonly string[] Bob =
    [
        "NICK bob", "USER bob 0 * :Bob", "JOIN #warm,#lobby", "PRIVMSG #warm :hello back", "PRIVMSG #lobby :hi lobby", "PING :done",
    ];

    private static readonly string[] Plain = ["hello from plain", "/who", "/me waves", "/nick plainwarm", "/help"];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await RunAsync().WaitAsync(Limit, cancellationToken);
            logger.LogDebug("Warm-up done in {Elapsed:F0} ms", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is TimeoutException or IOException or InvalidOperationException)
        {
            // Only the first clients' speed depends on it: serve anyway.
            logger.LogWarning("The warm-up did not finish ({Reason}); the first clients may wait a little longer", ex.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task RunAsync()
    {
        var engine = new ChatEngine(new EngineOptions { Flood = new FloodOptions { LinesPerSecond = 0 } }, TimeProvider.System);
        var irc = new IrcServerInfo(new IrcOptions(), engine.Options, engine.StartedAt);
        var drain = TimeSpan.FromSeconds(1);
        var alice = new Client();
        var aliceRun = IrcConnection.RunAsync(engine, irc, alice.Transport, "127.0.0.1", drain);
        await alice.SayAsync(Alice[..5]);
        await alice.ReadUntilAsync(" 001 ");
        var bob = new Client();
        var bobRun = IrcConnection.RunAsync(engine, irc, bob.Transport, "127.0.0.1", drain);
        await bob.SayAsync(Bob);
        await bob.ReadUntilAsync("PONG");
        var plain = new Client();
        var plainRun = PlainConnection.RunAsync(engine, new PlainOptions(), plain.Transport, "127.0.0.1", drain);
        await plain.SayAsync(Plain);
        await plain.ReadUntilAsync("/quit");
        await alice.SayAsync(Alice[5..]);
        await alice.ReadUntilAsync("PONG");

        await alice.SayAsync(["QUIT :warm"]);
        await bob.SayAsync(["QUIT :warm"]);
        await plain.SayAsync(["/quit"]);
        await Task.WhenAll(alice.ReadToEndAsync(), bob.ReadToEndAsync(), plain.ReadToEndAsync());
        await Task.WhenAll(aliceRun, bobRun, plainRun);
    }

    /// <summary>The client side of an in-memory connection.</summary>
    private sealed class Client
    {
        private readonly Pipe _toServer = new();
        private readonly Pipe _toClient = new();
        private readonly StringBuilder _seen = new();

        public Client() => Transport = new PipeTransport(new DuplexPipe(_toServer.Reader, _toClient.Writer));

        public PipeTransport Transport { get; }

        public async Task SayAsync(IEnumerable<string> lines) =>
            await _toServer.Writer.WriteAsync(Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\r\n"))));

        /// <summary>Reads until <paramref name="marker"/> has come.</summary>
        public async Task ReadUntilAsync(string marker)
        {
            while (!_seen.ToString().Contains(marker, StringComparison.Ordinal))
            {
                var result = await _toClient.Reader.ReadAsync();
                _seen.Append(Encoding.UTF8.GetString(result.Buffer));
                _toClient.Reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    throw new InvalidOperationException($"the warm-up connection closed before \"{marker}\"");
                }
            }

            _seen.Clear();
        }

        public async Task ReadToEndAsync()
        {
            while (true)
            {
                var result = await _toClient.Reader.ReadAsync();
                _toClient.Reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    return;
                }
            }
        }
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
