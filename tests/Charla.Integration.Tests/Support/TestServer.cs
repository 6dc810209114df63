using System.Collections.Concurrent;
using System.Net;
using Charla.Core;
using Charla.Core.Logging;
using Charla.Server.Configuration;
using Charla.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace Charla.Integration.Tests.Support;

/// <summary>
/// The real server, in process, on 127.0.0.1 with ephemeral ports. Flood control is off unless a
/// test turns it on (most tests send faster than a person types). Disposing it fails the test if
/// the server logged an error: a connection that crashed is a bug even when the test passed.
/// </summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly CharlaServer _server;
    private readonly ErrorLog _errors;
    private readonly ConcurrentBag<IAsyncDisposable> _clients = [];
    private readonly string? _dataDirectory; // made for this server, deleted with it

    private TestServer(CharlaServer server, ErrorLog errors, string? dataDirectory)
    {
        _server = server;
        _errors = errors;
        _dataDirectory = dataDirectory;
    }

    public IPEndPoint PlainEndPoint => _server.PlainEndPoint;

    public IPEndPoint HttpEndPoint => _server.HttpEndPoint;

    public IPEndPoint IrcEndPoint => _server.IrcEndPoint;

    public ChatEngine Engine => _server.Engine;

    public IServiceProvider Services => _server.Services;

    /// <param name="settings">
    /// Configuration keys and values, as in the JSON file: ("Plain:MaxLineBytes", "50"). Without
    /// a Storage:DataDirectory, the server keeps its history in a directory of its own, deleted with it.
    /// </param>
    public static Task<TestServer> StartAsync(params (string Key, string Value)[] settings) => StartAsync(configFile: null, settings);

    /// <summary>A server that also reads <paramref name="configFile"/> (a JSON file, as <c>--config</c>), below <paramref name="settings"/>.</summary>
    public static async Task<TestServer> StartAsync(string? configFile, params (string Key, string Value)[] settings)
    {
        var overrides = new Dictionary<string, string?>
        {
            ["Bind"] = "127.0.0.1",
            ["Plain:Port"] = "0",
            ["Irc:Port"] = "0",
            ["Http:Port"] = "0",
            ["Limits:Flood:LinesPerSecond"] = "0",
        };
        foreach (var (key, value) in settings)
        {
            overrides[key] = value;
        }

        string? dataDirectory = null;
        if (!overrides.ContainsKey("Storage:DataDirectory"))
        {
            dataDirectory = TestProcess.NewDataDirectory();
            overrides["Storage:DataDirectory"] = dataDirectory;
        }

        var errors = new ErrorLog();
        var events = new EventLog();
        var server = CharlaServer.Create(new ServerSetup(configFile, overrides), logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(errors);
            logging.AddProvider(events);
            logging.AddFilter<EventLog>(ServerEvents.Category, LogLevel.Trace);
        });
        await server.StartAsync();
        return new TestServer(server, errors, dataDirectory) { Events = events };
    }

    /// <summary>Connects a client; the server disposes it with itself.</summary>
    public async Task<PlainClient> ConnectAsync(bool readWelcome = true, int? receiveBufferBytes = null)
    {
        var client = await PlainClient.ConnectAsync(PlainEndPoint, readWelcome, receiveBufferBytes);
        _clients.Add(client);
        return client;
    }

    /// <summary>Connects an IRC client (not registered yet); the server disposes it with itself.</summary>
    public async Task<IrcClient> ConnectIrcAsync()
    {
        var client = await IrcClient.ConnectAsync(IrcEndPoint);
        _clients.Add(client);
        return client;
    }

    /// <summary>Connects and registers an IRC client as <paramref name="nick"/>.</summary>
    public async Task<IrcClient> RegisterIrcAsync(string nick, params string[] caps)
    {
        var client = await ConnectIrcAsync();
        await client.RegisterAsync(nick, caps);
        return client;
    }

    /// <summary>
    /// Registers two IRC clients that join <paramref name="channel"/> in turn (the first is its
    /// operator); the first has read the second's JOIN, so both start with nothing unread.
    /// </summary>
    public async Task<(IrcClient First, IrcClient Second)> IrcPairInChannelAsync(string channel, string first, string second)
    {
        var one = await RegisterIrcAsync(first);
        var two = await RegisterIrcAsync(second);
        await one.JoinAsync(channel);
        await two.JoinAsync(channel);
        await one.ExpectAsync("JOIN");
        return (one, two);
    }

    /// <summary>Connects two clients; the first has seen the second join, so both start with nothing unread.</summary>
    public async Task<(PlainClient First, PlainClient Second)> ConnectPairAsync()
    {
        var first = await ConnectAsync();
        var second = await ConnectAsync();
        await first.ExpectAsync($"* {second.Nick} joined");
        return (first, second);
    }

    public Task StopAsync() => _server.StopAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        await _server.StopAsync();
        await _server.DisposeAsync();
        if (_dataDirectory is not null)
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }

        Assert.True(_errors.IsEmpty, "the server logged errors: " + string.Join(" | ", _errors));
    }

    /// <summary>Collects every record of level Error or above.</summary>
    /// <summary>What the server logged under <see cref="ServerEvents.Category"/>, in order.</summary>
    public IReadOnlyCollection<string> Events { get; private init; } = [];

    /// <summary>Keeps the lines logged under <see cref="ServerEvents.Category"/>, at every level.</summary>
    private sealed class EventLog : ConcurrentQueue<string>, ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) =>
            categoryName == ServerEvents.Category ? new Writer(this) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public void Dispose()
        {
        }

        private sealed class Writer(EventLog log) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                log.Enqueue(formatter(state, exception));
        }
    }

    private sealed class ErrorLog : ConcurrentQueue<string>, ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Enqueue($"{formatter(state, exception)} {exception}");
            }
        }

        public void Dispose()
        {
        }
    }
}
