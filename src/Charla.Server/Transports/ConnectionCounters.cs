using Charla.Core.Statistics;

namespace Charla.Server.Transports;

/// <summary>
/// What the chat listeners and connections (plain and IRC) have done since the start, for the
/// metrics: bytes read and written, connections refused and why. One set per server.
/// </summary>
public sealed class ConnectionCounters
{
    private readonly StripedCounter _received = new();
    private readonly StripedCounter _sent = new();
    private long _refusedFull;
    private long _refusedLimited;
    private long _refusedBanned;

    public long BytesReceived => _received.Value;

    public long BytesSent => _sent.Value;

    /// <summary>Refused because the server had no room (Tcp:MaxConnections, the descriptor limit).</summary>
    public long RefusedFull => Interlocked.Read(ref _refusedFull);

    /// <summary>Refused by the per-address limits.</summary>
    public long RefusedLimited => Interlocked.Read(ref _refusedLimited);

    /// <summary>Refused by a D-line.</summary>
    public long RefusedBanned => Interlocked.Read(ref _refusedBanned);

    internal void Received(int bytes) => _received.Add(bytes);

    internal void Sent(int bytes) => _sent.Add(bytes);

    internal void Refused(RefusalKind kind)
    {
        switch (kind)
        {
            case RefusalKind.Full:
                Interlocked.Increment(ref _refusedFull);
                break;
            case RefusalKind.Banned:
                Interlocked.Increment(ref _refusedBanned);
                break;
            default:
                Interlocked.Increment(ref _refusedLimited);
                break;
        }
    }
}

/// <summary>Why a connection was refused as it arrived.</summary>
public enum RefusalKind
{
    /// <summary>No room: Tcp:MaxConnections or the descriptor limit.</summary>
    Full,

    /// <summary>A per-address limit, or too many connections registering.</summary>
    Limit,

    /// <summary>A D-line.</summary>
    Banned,
}
