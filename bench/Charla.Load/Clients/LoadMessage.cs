using System.Buffers.Text;
using System.Text;

namespace Charla.Load.Clients;

/// <summary>
/// The test message: text <c>m SENDER SEQ TIMESTAMP</c>, so a receiver can tell who sent it, in
/// which order, and how long it took. Formatting and parsing work on bytes, without allocating.
/// </summary>
public static class LoadMessage
{
    /// <summary>Writes one message line (IRC PRIVMSG to <paramref name="channel"/>, or a plain line) into <paramref name="destination"/>.</summary>
    public static int Format(Span<byte> destination, WireProtocol protocol, string channel, int sender, int sequence, long timestamp)
    {
        var written = 0;
        if (protocol == WireProtocol.Irc)
        {
            written += Encoding.ASCII.GetBytes($"PRIVMSG {channel} :", destination);
        }

        written += Encoding.ASCII.GetBytes("m ", destination[written..]);
        written += Number(destination[written..], sender);
        destination[written++] = (byte)' ';
        written += Number(destination[written..], sequence);
        destination[written++] = (byte)' ';
        written += Number(destination[written..], timestamp);
        if (protocol == WireProtocol.Irc)
        {
            destination[written++] = (byte)'\r';
        }

        destination[written++] = (byte)'\n';
        return written;
    }

    /// <summary>
    /// Recognises a delivered test message (the line ends with <c>m SENDER SEQ TIMESTAMP</c>,
    /// after <c>:</c> in IRC or <c>nick: </c> in plain mode) and reads its numbers.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out int sender, out int sequence, out long timestamp)
    {
        sender = sequence = 0;
        timestamp = 0;
        if (!TryTakeLast(ref line, out timestamp) || !TryTakeLast(ref line, out var seq) || !TryTakeLast(ref line, out var from))
        {
            return false;
        }

        (sender, sequence) = ((int)from, (int)seq);
        return line.EndsWith(":m"u8) || line.EndsWith(" m"u8);
    }

    private static bool TryTakeLast(ref ReadOnlySpan<byte> line, out long value)
    {
        var space = line.LastIndexOf((byte)' ');
        value = 0;
        if (space < 0 || !Utf8Parser.TryParse(line[(space + 1)..], out value, out var consumed) || consumed != line.Length - space - 1)
        {
            return false;
        }

        line = line[..space];
        return true;
    }

    private static int Number(Span<byte> destination, long value) =>
        Utf8Formatter.TryFormat(value, destination, out var written) ? written : throw new ArgumentException("buffer too small");
}
