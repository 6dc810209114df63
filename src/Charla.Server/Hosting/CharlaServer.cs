using System.Net;
using System.Text.RegularExpressions;
using Charla.Core;
using Charla.Core.Logging;
using Charla.Core.Security;
using Charla.Protocols.Irc;
using Charla.Server.Configuration;
using Charla.Server.Health;
using Charla.Server.Liveness;
using Charla.Server.Memory;
using Charla.Server.Metrics;
using Charla.Server.Privacy;
using Charla.Server.Transports;
using Charla.Storage;
using Charla.Storage.History;
using Charla.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Charla.Server.Hosting;

/// <summary>
/// A Charla server: the generic host, the plain-mode and IRC listeners on Charla's socket
/// transport, Kestrel for HTTP, and the engine. <c>charla serve</c> runs one; the integration tests run many, on ephemeral ports.
/// </summary>
public sealed partial class CharlaServer : IAsyncDisposable
{
    /// <summary>The most HTTP connections open at once (health checks now); more are closed as they arrive.</summary>
    public const int HttpMaxConnections = 64;

    private readonly WebApplication _app;
    private readonly HttpListenerSlot _http;
    private readonly LineListeners _lineListeners;
    private readonly ILogger<CharlaServer> _logger;

    private CharlaServer(WebApplication app, CharlaOptions options, HttpListenerSlot http)
    {
        _app = app;
        _http = http;
        Options = options;
        Engine = app.Services.GetRequiredService<ChatEngine>();
        _lineListeners = app.Services.GetRequiredService<LineListeners>();
        _logger = app.Services.GetRequiredService<ILogger<CharlaServer>>();
    }

    public CharlaOptions Options { get; }

    public ChatEngine Engine { get; }

    /// <summary>The host's services, for tests that look at one of them.</summary>
    internal IServiceProvider Services => _app.Services;

    /// <summary>Where plain mode listens, with the real port once started.</summary>
    public IPEndPoint PlainEndPoint => _lineListeners.PlainEndPoint;

    /// <summary>Where IRC listens, with the real port once started.</summary>
    public IPEndPoint IrcEndPoint => _lineListeners.IrcEndPoint;

    /// <summary>Where HTTP listens, with the real port once started.</summary>
    public IPEndPoint HttpEndPoint => _http.Listen!.IPEndPoint!;

    /// <summary>Builds a server from defaults, the setup's JSON file, <c>CHARLA__</c> variables and overrides.</summary>
    /// <exception cref="ConfigurationException">The configuration cannot be read or is invalid.</exception>
    public static CharlaServer Create(ServerSetup setup, Action<ILoggingBuilder>? configureLogging = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "Charla" });
        var options = ServerConfiguration.Load(builder.Configuration, setup);

        builder.Logging.ClearProviders();
        if (string.Equals(builder.Configuration["Logging:Console:FormatterName"], "json", StringComparison.OrdinalIgnoreCase))
        {
            // For log collectors: one JSON object a line, the message's fields as its State.
            builder.Logging.AddJsonConsole(console =>
            {
                console.UseUtcTimestamp = true;
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                console.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss ";
            });
        }

        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddStartupLogFilter();
        configureLogging?.Invoke(builder.Logging);

        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.Configure<HostOptions>(o =>
            o.ShutdownTimeout = TimeSpan.FromSeconds(options.Tcp.DrainTimeoutSeconds + 2));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        // The store opens whether or not history is kept: server bans live there too.
        var retention = new HistoryRetention(options.History.RetentionDays, options.History.MaxMessagesPerChannel);
        builder.Services.AddSingleton(sp => SqliteStore.Open(options.Storage, sp.GetRequiredService<ILogger<SqliteStore>>(), sp.GetRequiredService<TimeProvider>(), retention));
        builder.Services.AddSingleton(sp =>
        {
            var store = sp.GetRequiredService<SqliteStore>();
            return new ChatEngine(options.Limits, sp.GetRequiredService<TimeProvider>(), options.Plain.Lobby, options.History.Enabled ? store : null)
            {
                Events = ServerEvents.Create(sp.GetRequiredService<ILoggerFactory>()),
                BanStore = store.Bans,
                LobbyModerators = options.Plain.Moderators,
                PasswordHash = options.PasswordHash.Length > 0 ? options.PasswordHash : null,
                Cloak = options.Privacy.CloakHosts ? new HostCloak(CloakKeyFile.LoadOrCreate(store.DirectoryPath), options.Privacy.CloakSuffix) : HostCloak.None,
            };
        });
        builder.Services.AddSingleton(sp => new IrcServerInfo(options.Irc, options.Limits, sp.GetRequiredService<ChatEngine>().StartedAt, options.History.Enabled, options.History.AutoReplayLines));
        builder.Services.AddHostedService<LivenessService>();
        if (options.Memory.TrimWhenIdle)
        {
            builder.Services.AddSingleton<IManagedHeap, ProcessHeap>();
            builder.Services.AddSingleton<IdleMemoryTrimService>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<IdleMemoryTrimService>());
        }

        builder.Services.AddHostedService<ProtocolWarmup>(); // before the listeners: they open once it is done
        builder.Services.AddSingleton<LineListeners>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LineListeners>());

        var http = new HttpListenerSlot();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

            // HTTP connections come out of the descriptors the chat listeners leave in reserve
            // (ConnectionSlots): a flood of them must not take the runtime's last descriptors.
            kestrel.Limits.MaxConcurrentConnections = HttpMaxConnections;
            Listen(kestrel, ListenAddress.TryParse(options.Bind)!, options.Http.Port, listen => http.Listen = listen);
        });

        builder.Services.AddSingleton(sp => new ConfigurationReloader(
            builder.Configuration, sp.GetRequiredService<ChatEngine>(), sp.GetRequiredService<IrcServerInfo>(), sp.GetRequiredService<LineListeners>(),
            sp.GetRequiredService<ILogger<ConfigurationReloader>>()));
        builder.Services.AddHostedService<ReloadOnHangup>();
        builder.Services.AddSingleton(sp => new ServerMetrics(
            sp.GetRequiredService<ChatEngine>(), sp.GetRequiredService<LineListeners>().Counters, sp.GetRequiredService<SqliteStore>()));

        var app = builder.Build();
        app.MapHealth();
        ChatEngine engine;
        try
        {
            engine = app.Services.GetRequiredService<ChatEngine>(); // opens the store
            engine.LoadBansAsync().GetAwaiter().GetResult(); // before the first connection: a ban holds from the start
            app.MapMetrics("/metrics", app.Services.GetRequiredService<ServerMetrics>().Registry);
            var reloader = app.Services.GetRequiredService<ConfigurationReloader>();
            var ircServer = app.Services.GetRequiredService<IrcServerInfo>();
            ircServer.Rehash = reloader.ReloadAsync;
            ircServer.ConfigurationName = setup.ConfigFile is { } file ? Path.GetFileName(file) : "defaults";
        }
        catch (StorageException ex)
        {
            ((IDisposable)app).Dispose();
            throw new ServerStartException(ex.Message, ex);
        }

        // Before Kestrel stops: every client is told the server is going down, then closed.
        app.Lifetime.ApplicationStopping.Register(engine.BeginShutdown);
        return new CharlaServer(app, options, http);
    }

    /// <summary>Binds every listener and logs one line for each.</summary>
    /// <exception cref="ServerStartException">A listener could not bind (a port in use, an address not here).</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _app.StartAsync(cancellationToken);
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException || ex.InnerException is System.Net.Sockets.SocketException)
        {
            throw new ServerStartException(DescribeBindFailure(ex), ex);
        }

        _logger.LogInformation("Plain mode listening on {EndPoint}", PlainEndPoint);
        _logger.LogInformation("IRC listening on {EndPoint}", IrcEndPoint);
        _logger.LogInformation("HTTP listening on http://{EndPoint} (health: /healthz)", HttpEndPoint);
        var store = _app.Services.GetRequiredService<SqliteStore>();
        if (Options.History.Enabled)
        {
            _logger.LogInformation("History kept in {Path} ({State})", store.DatabasePath, store.OpenedVersion == 0 ? "new" : "opened");
        }
        else
        {
            _logger.LogInformation("History is off (History:Enabled=false): no message is stored; bans are kept in {Path}", store.DatabasePath);
        }
    }

    /// <summary>Runs until SIGINT or SIGTERM, then shuts down gracefully.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) =>
        _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Shuts down gracefully: clients are told, then closed; listeners stop.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static void Listen(KestrelServerOptions kestrel, IPAddress address, int port, Action<ListenOptions> configure)
    {
        if (address.Equals(IPAddress.IPv6Any))
        {
            // Dual-stack, falling back to IPv4 on machines without IPv6: all interfaces either way.
            kestrel.ListenAnyIP(port, configure);
        }
        else
        {
            kestrel.Listen(address, port, configure);
        }
    }

    /// <summary>"cannot listen on [::]:8080 (HTTP, --http-port): address already in use" from Kestrel's message.</summary>
    private static string DescribeBindFailure(IOException ex)
    {
        var match = KestrelBindMessage().Match(ex.Message);
        if (!match.Success)
        {
            return $"cannot listen: {ex.Message}";
        }

        var endpoint = match.Groups["endpoint"].Value;
        return $"cannot listen on {endpoint} (HTTP, --http-port): {match.Groups["reason"].Value}";
    }

    // Kestrel says: "Failed to bind to address http://[::]:8080: address already in use."
    [GeneratedRegex(@"address (?:\w+://)?(?<endpoint>\S+?): (?<reason>.+?)\.?$")]
    private static partial Regex KestrelBindMessage();

    /// <summary>The listen options Kestrel fills in with the bound HTTP endpoint.</summary>
    private sealed class HttpListenerSlot
    {
        public ListenOptions? Listen { get; set; }
    }
}
