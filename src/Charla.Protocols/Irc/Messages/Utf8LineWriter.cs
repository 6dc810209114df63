using System.Buffers;
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

    private static readonly SearchValues<byte> LineBreakers = SearchValues.Create("\r\n\0"u8);

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

    /// <summary>How IRCv3 writes a time (server-time, CHATHISTORY): <c>2026-11-24T19:00:00.000Z</c>.</summary>
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary><paramref name="time"/> as IRCv3 writes it (<see cref="TimeFormat"/>).</summary>
    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>An IRCv3 server-time value: <c>2026-11-24T19:00:00.000Z</c>.</summary>
    public void AppendTime(DateTimeOffset time)
    {
        time.UtcDateTime.TryFormat(_buffer[_length..], out var written, TimeFormat, CultureInfo.InvariantCulture);
        _length += written;
    }

    /// <summary>
    /// Ends the line: any CR, LF or NUL inside it becomes a space (none may reach a client inside
    /// a line, whatever produced the text), then CR LF.
    /// </summary>
    public void EndLine()
    {
        var written = _buffer[.._length];
        var bad = written.IndexOfAny(LineBreakers);
        while (bad >= 0)
        {
            written[bad] = (byte)' ';
            var next = written[(bad + 1)..].IndexOfAny(LineBreakers);
            bad = next < 0 ? -1 : bad + 1 + next;
        }

        Append("\r\n"u8);
    }

    /// <summary>Drops what was written after the first <paramref name="length"/> bytes.</summary>
    public void Truncate(int length) => _length = Math.Min(_length, length);

    /// <summary>
    /// The greatest position at or before <paramref name="at"/> that does not fall inside a
    /// UTF-8 character: where a line may be cut.
    /// </summary>
    public readonly int CharBoundaryAtOrBefore(int at)
    {
        at = Math.Min(at, _length);
        while (at > 0 && at < _length && (_buffer[at] & 0xC0) == 0x80)
        {
            at--;
        }

        return at;
    }

    /// <summary>How many bytes are written so far.</summary>
    public readonly int Length => _length;

    /// <summary>The bytes written so far (the thread's scratch: use them before writing another line).</summary>
    public readonly ReadOnlySpan<byte> Written => _buffer[.._length];

    public readonly byte[] ToArray() => _buffer[.._length].ToArray();

    public readonly string ToText() => Encoding.UTF8.GetString(_buffer[.._length]);
}
