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

    internal void Refused(bool full, bool banned) =>
        Interlocked.Increment(ref full ? ref _refusedFull : ref banned ? ref _refusedBanned : ref _refusedLimited);
}
