namespace Charla.Server.Transports;

/// <summary>
/// What the chat listeners and connections (plain and IRC) have done since the start, for the
/// metrics: bytes read and written, connections refused and why. One set per server.
/// </summary>
public sealed class ConnectionCounters
{
    private long _received;
    private long _sent;
    private long _refusedFull;
    private long _refusedLimited;
    private long _refusedBanned;

    public long BytesReceived => Interlocked.Read(ref _received);

    public long BytesSent => Interlocked.Read(ref _sent);

    /// <summary>Refused because the server had no room (Tcp:MaxConnections, the descriptor limit).</summary>
    public long RefusedFull => Interlocked.Read(ref _refusedFull);

    /// <summary>Refused by the per-address limits.</summary>
    public long RefusedLimited => Interlocked.Read(ref _refusedLimited);

    /// <summary>Refused by a D-line.</summary>
    public long RefusedBanned => Interlocked.Read(ref _refusedBanned);

    internal void Received(int bytes) => Interlocked.Add(ref _received, bytes);

    internal void Sent(int bytes) => Interlocked.Add(ref _sent, bytes);

    internal void Refused(bool full, bool banned) =>
        Interlocked.Increment(ref full ? ref _refusedFull : ref banned ? ref _refusedBanned : ref _refusedLimited);
}
