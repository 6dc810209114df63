using Charla.Core.Sessions;

namespace Charla.Core.Statistics;

/// <summary>
/// What the engine has done since it started, counted for the server's metrics: messages in,
/// deliveries out, connections ended by reason. Plain interlocked counters, one set per engine
/// (two servers in one process count apart), read whenever metrics are scraped.
/// </summary>
public sealed class ChatCounters
{
    private readonly long[] _endedBy = new long[Enum.GetValues<DisconnectKind>().Length];
    private readonly StripedCounter _messages = new();
    private readonly StripedCounter _deliveries = new();

    /// <summary>Messages received (to channels and to users, each multiline message once).</summary>
    public long Messages => _messages.Value;

    /// <summary>Those messages' copies queued to their recipients.</summary>
    public long Deliveries => _deliveries.Value;

    /// <summary>Registered sessions that have ended for <paramref name="kind"/>.</summary>
    public long EndedBy(DisconnectKind kind) => Interlocked.Read(ref _endedBy[(int)kind]);

    internal void Message(int deliveries)
    {
        _messages.Add(1);
        _deliveries.Add(deliveries);
    }

    internal void Ended(DisconnectKind kind) => Interlocked.Increment(ref _endedBy[(int)kind]);
}
