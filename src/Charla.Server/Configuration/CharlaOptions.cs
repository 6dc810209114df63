using Charla.Core;
using Charla.Protocols.Irc;
using Charla.Protocols.Plain;
using Charla.Server.Admission;
using Charla.Server.Privacy;
using Charla.Storage.Sqlite;

namespace Charla.Server.Configuration;

/// <summary>
/// Everything <c>charla serve</c> can be told, bound from configuration (lowest first: these
/// defaults, the JSON file given with <c>--config</c>, <c>CHARLA__</c> environment variables,
/// command-line flags). Keys are paths: <c>Plain:Port</c> is <c>CHARLA__PLAIN__PORT</c>.
/// </summary>
public sealed class CharlaOptions
{
    /// <summary>Address to listen on: <c>*</c> (all interfaces, the default, as the original's INADDR_ANY), <c>localhost</c>, or an IP.</summary>
    public string Bind { get; set; } = "*";

    /// <summary>
    /// The hash (<c>charla hash-password</c>) of a password every client must give to connect
    /// (IRC PASS, plain mode's /pass); empty, the default: anyone may connect.
    /// </summary>
    public string PasswordHash { get; set; } = string.Empty;

    /// <summary>Never accepted: a server password in clear is refused at startup, with how to hash it.</summary>
    public string? Password { get; set; }

    public PlainOptions Plain { get; set; } = new();

    public IrcOptions Irc { get; set; } = new();

    public HttpOptions Http { get; set; } = new();

    /// <summary>Limits of the core: nickname length, SendQ, flood control.</summary>
    public EngineOptions Limits { get; set; } = new();

    public TcpOptions Tcp { get; set; } = new();

    public MemoryOptions Memory { get; set; } = new();

    /// <summary>The embedded store: its data directory (<c>--data-dir</c>) and how far a commit goes.</summary>
    public SqliteStoreOptions Storage { get; set; } = new();

    public HistoryOptions History { get; set; } = new();

    /// <summary>What users see of each other's addresses: cloaks, by default.</summary>
    public PrivacyOptions Privacy { get; set; } = new();

    /// <summary>Connections per address: at once, and opened within a window; the exempt networks.</summary>
    public ConnectionLimitOptions Connections { get; set; } = new();
}

/// <summary>Channel history.</summary>
public sealed class HistoryOptions
{
    /// <summary>
    /// Keep every channel message in the store, and acknowledge a message only once it is on
    /// disk. False keeps nothing (as classic ircds) and acknowledges at once.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The lines of a channel's history an IRC client without draft/chathistory is sent when it
    /// joins; 0 (the default, as ergo's) sends none: such a client shows them as if said now.
    /// Plain mode has its own (<c>Plain:ReplayLines</c>).
    /// </summary>
    public int AutoReplayLines { get; set; }

    /// <summary>
    /// Days history is kept; older messages and events are removed in the background (a minute
    /// apart, a thousand at a time). 0 (the default) keeps everything.
    /// </summary>
    public int RetentionDays { get; set; }

    /// <summary>The most records (messages and events) kept per channel, the oldest removed first; 0 (the default): no cap.</summary>
    public int MaxMessagesPerChannel { get; set; }
}

/// <summary>How the server handles its own memory.</summary>
public sealed class MemoryOptions
{
    /// <summary>
    /// When the server goes quiet after a burst that grew its heap (a wave of logins), run one
    /// full collection that gives the empty pages back to the system. False keeps them.
    /// </summary>
    public bool TrimWhenIdle { get; set; } = true;
}

/// <summary>The HTTP listener: <c>/healthz</c> now; the web client and metrics later.</summary>
public sealed class HttpOptions
{
    /// <summary>8080, the HTTP port of the architecture. 0 picks a free port (tests).</summary>
    public int Port { get; set; } = 8080;
}

/// <summary>Socket-level behaviour shared by the TCP listeners.</summary>
public sealed class TcpOptions
{
    /// <summary>
    /// Seconds of silence before the kernel probes a peer (TCP keepalive); 0 turns keepalive off.
    /// With the interval and probes below, a peer whose machine or network died is dropped
    /// within about two minutes, without anything asked of the client.
    /// </summary>
    public int KeepAliveSeconds { get; set; } = 60;

    /// <summary>Seconds between keepalive probes.</summary>
    public int KeepAliveIntervalSeconds { get; set; } = 10;

    /// <summary>Unanswered probes before the connection is declared dead.</summary>
    public int KeepAliveProbes { get; set; } = 5;

    /// <summary>Seconds a closing connection may take to deliver its last lines (goodbye, shutdown notice).</summary>
    public int DrainTimeoutSeconds { get; set; } = 3;

    /// <summary>
    /// On Linux, wait for clients' input with Charla's own epoll loops, which cost an idle
    /// connection far less memory than .NET's pending receives; false uses .NET's socket engine
    /// (as on other systems).
    /// </summary>
    public bool Epoll { get; set; } = true;

    /// <summary>
    /// How many epoll loops read clients' input and run their commands; 0 means one per core.
    /// One, the default, handles every client's lines in the order they arrived, as an
    /// event-loop ircd does: a line a client sent before another client's line is handled
    /// first (several loops handle them in parallel, so their order across clients is not
    /// kept). Large fan-outs are written by one writer per core either way.
    /// </summary>
    public int EpollLoops { get; set; } = 1;

    /// <summary>
    /// The most chat connections (plain and IRC together) open at once; more are refused with
    /// an error line. 0, the default: as many as the process's descriptor limit (<c>ulimit -n</c>)
    /// allows, less a reserve the server keeps for itself.
    /// </summary>
    public int MaxConnections { get; set; }
}
