namespace Charla.Core.Sessions;

/// <summary>Why a session ended. What the others are told is its <c>Message</c>.</summary>
public enum DisconnectKind
{
    /// <summary>The client asked to leave (plain <c>/quit</c>, IRC <c>QUIT</c>).</summary>
    Quit,
    /// <summary>The peer closed its side of the connection.</summary>
    ConnectionClosed,
    /// <summary>The transport failed: reset, timed out (keepalive), or another socket error.</summary>
    ConnectionLost,
    /// <summary>Nothing received for longer than the idle or ping timeout.</summary>
    IdleTimeout,
    /// <summary>Sent lines faster than flood control allows, past its excess limit.</summary>
    ExcessFlood,
    /// <summary>Did not read its output fast enough: the output queue passed its bound.</summary>
    SendQueueExceeded,
    /// <summary>The server is going down.</summary>
    ServerShutdown,
    /// <summary>A server operator removed the user (IRC KILL).</summary>
    Killed,
    /// <summary>A server ban (KLINE, DLINE) matches the user.</summary>
    Banned,
    /// <summary>Put out of the only room its protocol has (plain mode's lobby) by a moderator.</summary>
    Kicked,
    /// <summary>Not admitted: a wrong or missing server password.</summary>
    Refused,
    /// <summary>A bug on our side ended the connection; it is logged.</summary>
    InternalError,
}

/// <summary>The reason a session ends, with the text shown to its peers.</summary>
public sealed record DisconnectReason(DisconnectKind Kind, string Message)
{
    public static readonly DisconnectReason ConnectionClosed = new(DisconnectKind.ConnectionClosed, "Connection closed");
    public static readonly DisconnectReason ExcessFlood = new(DisconnectKind.ExcessFlood, "Excess Flood");
    public static readonly DisconnectReason SendQueueExceeded = new(DisconnectKind.SendQueueExceeded, "SendQ exceeded");
    public static readonly DisconnectReason ServerShutdown = new(DisconnectKind.ServerShutdown, "Server shutting down");
    public static readonly DisconnectReason InternalError = new(DisconnectKind.InternalError, "Internal error");

    /// <summary>The client left of its own accord; an empty reason reads "Quit".</summary>
    public static DisconnectReason Quit(string? reason) =>
        new(DisconnectKind.Quit, string.IsNullOrWhiteSpace(reason) ? "Quit" : reason.Trim());

    public static DisconnectReason ConnectionLost(string detail) => new(DisconnectKind.ConnectionLost, detail);

    /// <summary>Removed by the server operator <paramref name="by"/>: "Killed (oper (comment))", as ircds word it.</summary>
    public static DisconnectReason Killed(string by, string comment) => new(DisconnectKind.Killed, $"Killed ({by} ({comment}))");

    /// <summary>Put out of the lobby, which plain mode cannot live without: "Kicked by nick (reason)".</summary>
    public static DisconnectReason Kicked(string by, string reason) => new(DisconnectKind.Kicked, $"Kicked by {by} ({reason})");

    /// <summary>Not admitted (a wrong server password): the reason as given.</summary>
    public static DisconnectReason Refused(string reason) => new(DisconnectKind.Refused, reason);

    /// <summary>A server ban matches the user: "Banned (reason)".</summary>
    public static DisconnectReason Banned(string reason) => new(DisconnectKind.Banned, $"Banned ({reason})");

    public static DisconnectReason IdleTimeout(TimeSpan limit) =>
        new(DisconnectKind.IdleTimeout, $"Ping timeout: {(int)limit.TotalSeconds} seconds");

    /// <summary>
    /// True when the client can no longer be written to usefully, so queued output is dropped
    /// instead of drained: waiting on a reader that stopped reading would only hold memory.
    /// </summary>
    public bool DiscardsOutput => Kind is DisconnectKind.SendQueueExceeded or DisconnectKind.ConnectionLost;
}
