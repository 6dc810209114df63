using System.Collections.Concurrent;
using System.IO.Pipelines;
using Charla.Core.Liveness;
using Charla.Core.Logging;
using Charla.Core.Security;
using Charla.Protocols.Connections;
using Charla.Protocols.Irc;
using Charla.Protocols.Plain;
using Charla.Storage.History;
using Microsoft.Extensions.Logging.Testing;

namespace Charla.Protocols.Tests.Support;

/// <summary>
/// Plain mode and IRC on one engine, as the server runs them, with clients over in-memory pipes
/// instead of sockets and a fake clock: the whole command set is tested in seconds, and nothing
/// depends on real time (a test moves <see cref="Time"/> and runs <see cref="SweepLiveness"/>).
/// Flood control is off unless a test turns it on. Disposing it fails the test if a connection
/// ended on an error of Charla's own.
/// </summary>
internal sealed class InMemoryServer : IAsyncDisposable, IConnectionObserver
{
    /// <summary>The host every in-memory client connects from.</summary>
    public const string ClientHost = "127.0.0.1";

    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly ConcurrentQueue<Task> _connections = new();
    private readonly ConcurrentQueue<IAsyncDisposable> _clients = new();
    private readonly ConcurrentQueue<Exception> _failures = new();

    private InMemoryServer(IrcOptions irc, EngineOptions limits, PlainOptions plain, IHistoryStore? history, int autoReplayLines, HostCloak? cloak, string? passwordHash)
    {
        Engine = new ChatEngine(limits, Time, plain.Lobby, history)
        {
            Events = new ServerEvents(Log), Cloak = cloak ?? HostCloak.None, LobbyModerators = plain.Moderators, PasswordHash = passwordHash,
        };
        Irc = new IrcServerInfo(irc, limits, Engine.StartedAt, keepsHistory: history is not null, autoReplayLines);
        Plain = plain;
    }

    public WatchedFakeTime Time { get; } = new();

    /// <summary>What the engine logged for the server's operator (<see cref="ServerEvents"/>).</summary>
    public FakeLogger Log { get; } = new();

    /// <summary>The messages logged so far, in order.</summary>
    public IReadOnlyList<string> Logged => [.. Log.Collector.GetSnapshot().Select(r => r.Message)];

    public ChatEngine Engine { get; }

    public IrcServerInfo Irc { get; }

    public PlainOptions Plain { get; }

    /// <summary>
    /// A server with the default options, changed by the given callbacks; it keeps history in
    /// <paramref name="history"/>, if given, and replays <paramref name="autoReplayLines"/> of it to IRC joiners without draft/chathistory.
    /// </summary>
    /// <param name="cloak">How addresses are shown; as they are (127.0.0.1) unless given.</param>
    /// <param name="passwordHash">The server password's hash every client must give, or null.</param>
    public static InMemoryServer Start(
        Action<IrcOptions>? irc = null, Action<EngineOptions>? limits = null, Action<PlainOptions>? plain = null, IHistoryStore? history = null, int autoReplayLines = 0,
        HostCloak? cloak = null, string? passwordHash = null)
    {
        var ircOptions = new IrcOptions();
        var engineOptions = new EngineOptions { Flood = new FloodOptions { LinesPerSecond = 0 } };
        var plainOptions = new PlainOptions();
        irc?.Invoke(ircOptions);
        limits?.Invoke(engineOptions);
        plain?.Invoke(plainOptions);
        return new InMemoryServer(ircOptions, engineOptions, plainOptions, history, autoReplayLines, cloak, passwordHash);
    }

    /// <summary>Connects an IRC client (not registered yet).</summary>
    public IrcClient ConnectIrc()
    {
        var (server, client) = Connect();
        _connections.Enqueue(IrcConnection.RunAsync(Engine, Irc, server, ClientHost, DrainTimeout, this));
        var irc = new IrcClient(client);
        _clients.Enqueue(irc);
        return irc;
    }

    /// <summary>Connects an IRC client (not registered yet), as a socket test would.</summary>
    public Task<IrcClient> ConnectIrcAsync() => Task.FromResult(ConnectIrc());

    /// <summary>Connects and registers an IRC client as <paramref name="nick"/>, with <paramref name="caps"/>.</summary>
    public async Task<IrcClient> RegisterIrcAsync(string nick, params string[] caps)
    {
        var client = ConnectIrc();
        await client.RegisterAsync(nick, caps);
        return client;
    }

    /// <summary>
    /// Registers two IRC clients that join <paramref name="channel"/> in turn (the first is its
    /// operator); the first has read the second's JOIN, so both start with nothing unread.
    /// </summary>
    public async Task<(IrcClient First, IrcClient Second)> IrcPairInChannelAsync(string channel, string first, string second, params string[] caps)
    {
        var one = await RegisterIrcAsync(first, caps);
        var two = await RegisterIrcAsync(second, caps);
        await one.JoinAsync(channel);
        await two.JoinAsync(channel);
        await one.ExpectAsync("JOIN");
        return (one, two);
    }

    /// <summary>Connects a plain-mode client and, unless told not to, reads its welcome.</summary>
    public async Task<PlainClient> ConnectPlainAsync(bool readWelcome = true)
    {
        var (server, client) = Connect();
        _connections.Enqueue(PlainConnection.RunAsync(Engine, Plain, server, ClientHost, DrainTimeout, this));
        var plain = new PlainClient(client);
        _clients.Enqueue(plain);
        if (readWelcome)
        {
            await plain.ReadWelcomeAsync();
        }

        return plain;
    }

    /// <summary>Connects two plain-mode clients; the first has seen the second join, so both start with nothing unread.</summary>
    public async Task<(PlainClient First, PlainClient Second)> ConnectPlainPairAsync()
    {
        var first = await ConnectPlainAsync();
        var second = await ConnectPlainAsync();
        await first.ExpectAsync($"* {second.Nick} joined");
        return (first, second);
    }

    /// <summary>One liveness sweep now, as the server's once-a-second timer runs it.</summary>
    public void SweepLiveness() => LivenessMonitor.SweepOnce(Engine);

    public void OnEnded(ILineTransport transport, string remoteHost, Exception? failure)
    {
        if (failure is not null)
        {
            _failures.Enqueue(failure);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Engine.BeginShutdown();
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        await Task.WhenAll(_connections).WaitAsync(PlainClient.DefaultTimeout);
        Assert.True(_failures.IsEmpty, "a connection failed: " + string.Join(" | ", _failures));
    }

    private static (PipeTransport Server, ClientLink Client) Connect()
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        return (new PipeTransport(new DuplexPipe(toServer.Reader, toClient.Writer)), new PipeLink(toClient.Reader, toServer.Writer));
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }

    /// <summary>The client's ends of the two pipes.</summary>
    private sealed class PipeLink(PipeReader fromServer, PipeWriter toServer) : ClientLink
    {
        public override Stream Input { get; } = fromServer.AsStream();

        public override Stream Output { get; } = toServer.AsStream();

        public override void EndOutput() => toServer.Complete();

        public override void Close()
        {
            toServer.Complete();
            fromServer.Complete();
        }

        public override void Reset() => Close();

        public override ValueTask DisposeAsync()
        {
            Close();
            return ValueTask.CompletedTask;
        }
    }
}
