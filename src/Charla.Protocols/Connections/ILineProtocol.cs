using System.Buffers;
using Charla.Core.Sessions;

namespace Charla.Protocols.Connections;

/// <summary>
/// What a line-based protocol (plain mode, IRC) supplies to <see cref="LineConnection"/>, which
/// owns the loops, framing, flood control and the orderly close. Every method runs on the
/// connection's reader loop, one at a time.
/// </summary>
public interface ILineProtocol
{
    /// <summary>The longest line accepted, terminator not counted.</summary>
    int MaxLineBytes { get; }

    /// <summary>
    /// What to do with a line that comes faster than flood control allows: plain mode refuses
    /// it (and disconnects past the excess limit); IRC delays it, as ircds do ("fakelag").
    /// </summary>
    FloodPolicy FloodPolicy { get; }

    /// <summary>
    /// With <see cref="FloodPolicy.Delay"/>: bytes of unhandled input the client may have
    /// waiting; more is a real flood, and the client is dropped with "Excess Flood".
    /// </summary>
    int MaxPendingBytes { get; }

    /// <summary>Called once when the connection opens. Closes the session if it cannot be admitted.</summary>
    void Start();

    /// <summary>One complete line, without its terminator. Valid only during the call.</summary>
    void OnLine(in ReadOnlySequence<byte> line);

    /// <summary>A line longer than <see cref="MaxLineBytes"/> arrived and was dropped.</summary>
    void OnLineTooLong();

    /// <summary>With <see cref="FloodPolicy.Refuse"/>: a line arrived faster than flood control allows and was dropped.</summary>
    void OnFloodRefused();

    /// <summary>The last line(s) the client gets when its session ends for <paramref name="reason"/>, or empty.</summary>
    ReadOnlyMemory<byte> Goodbye(DisconnectReason reason);
}

/// <summary>How a protocol treats lines over the flood-control rate.</summary>
public enum FloodPolicy
{
    /// <summary>Refuse each excess line (the protocol tells the client); past the excess limit, disconnect.</summary>
    Refuse,
    /// <summary>Handle excess lines later, at the allowed rate; disconnect only when too much input waits.</summary>
    Delay,
}
