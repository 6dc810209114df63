using System.Globalization;
using System.Text;

namespace Charla.Protocols.Irc.Messages;

/// <summary>
/// Writes one outgoing line as UTF-8 straight into a thread's scratch buffer, then copies it out
/// once, at its exact size: the hot path's only allocation is the line every recipient shares.
/// </summary>
internal ref struct Utf8LineWriter
{
    // Tags (8191) plus a message (512) and then some: a line never outgrows it (longer input is refused).
    private const int ScratchBytes = 16 * 1024;

    [ThreadStatic]
    private static byte[]? t_scratch;

    private readonly Span<byte> _buffer;
    private int _length;

    public Utf8LineWriter()
    {
        _buffer = t_scratch ??= new byte[ScratchBytes];
        _length = 0;
    }

    public void Append(string text) => _length += Encoding.UTF8.GetBytes(text, _buffer[_length..]);

    public void Append(byte ascii) => _buffer[_length++] = ascii;

    public void Append(ReadOnlySpan<byte> utf8)
    {
        utf8.CopyTo(_buffer[_length..]);
        _length += utf8.Length;
    }

    /// <summary>An IRCv3 server-time value: <c>2026-11-24T19:00:00.000Z</c>.</summary>
    public void AppendTime(DateTimeOffset time)
    {
        time.UtcDateTime.TryFormat(_buffer[_length..], out var written, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        _length += written;
    }

    /// <summary>How many bytes are written so far.</summary>
    public readonly int Length => _length;

    /// <summary>The bytes written so far (the thread's scratch: use them before writing another line).</summary>
    public readonly ReadOnlySpan<byte> Written => _buffer[.._length];

    public readonly byte[] ToArray() => _buffer[.._length].ToArray();

    public readonly string ToText() => Encoding.UTF8.GetString(_buffer[.._length]);
}
