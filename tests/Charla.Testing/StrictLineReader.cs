using System.Text;
using System.Text.Unicode;

namespace Charla.Testing;

/// <summary>Which wire grammar a <see cref="StrictLineReader"/> holds the server to.</summary>
public enum LineGrammar
{
    /// <summary>
    /// IRC (RFC 1459 section 2.3.1, modern.ircdocs.horse): every line ends with CR LF, holds no
    /// other CR, LF or NUL, is valid UTF-8 (UTF8ONLY), and keeps to 512 bytes without its tags.
    /// </summary>
    Irc,

    /// <summary>Plain mode: every line ends with LF and holds no control character but tab.</summary>
    Plain,
}

/// <summary>
/// Reads the server's lines and fails the test on any line the grammar forbids: every test
/// that reads from the server checks what it sends, not only what it says. (A
/// <see cref="StreamReader"/> would hide a CR inside a line by splitting there.)
/// </summary>
public sealed class StrictLineReader(Stream input, LineGrammar grammar)
{
    /// <summary>Tags of a line the server sends: 8191 bytes with '@' and the space (IRCv3 message-tags).</summary>
    private const int MaxTagBytes = 8191;

    private const int MaxMessageBytes = 510;

    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    /// <summary>The next line without its terminator, or null at the end of the stream.</summary>
    /// <exception cref="MalformedLineException">The server sent a line that breaks the grammar.</exception>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var line = _buffer.AsSpan(_start, newline - _start);
                _start = newline + 1;
                return Check(line);
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                throw new MalformedLineException($"a line of more than {_buffer.Length} bytes without LF: {Show(_buffer)}");
            }

            var read = await input.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                return _end == _start ? null : throw new MalformedLineException($"the stream ended inside a line: {Show(_buffer.AsSpan(_start, _end - _start))}");
            }

            _end += read;
        }
    }

    private string Check(ReadOnlySpan<byte> line)
    {
        if (grammar == LineGrammar.Irc)
        {
            if (line.IsEmpty || line[^1] != (byte)'\r')
            {
                throw new MalformedLineException($"an IRC line not ended by CR LF: {Show(line)}");
            }

            line = line[..^1];
        }

        if (!Utf8.IsValid(line))
        {
            throw new MalformedLineException($"a line that is not UTF-8: {Show(line)}");
        }

        var text = Encoding.UTF8.GetString(line);
        if (grammar == LineGrammar.Irc)
        {
            if (line.IndexOfAny("\r\n\0"u8) >= 0)
            {
                throw new MalformedLineException($"CR, LF or NUL inside an IRC line: {Show(line)}");
            }

            var tags = line.Length > 0 && line[0] == (byte)'@' ? line.IndexOf((byte)' ') + 1 : 0;
            if (tags > MaxTagBytes || line.Length - tags > MaxMessageBytes)
            {
                throw new MalformedLineException($"an IRC line over the limits ({tags} bytes of tags, {line.Length - tags} of message): {text}");
            }
        }
        else if (text.Any(c => char.IsControl(c) && c != '\t'))
        {
            throw new MalformedLineException($"a control character in a plain-mode line: {Show(line)}");
        }

        return text;
    }

    private static string Show(ReadOnlySpan<byte> bytes) =>
        Encoding.UTF8.GetString(bytes).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\0", "\\0", StringComparison.Ordinal);
}

/// <summary>The server sent a line its protocol's grammar forbids.</summary>
public sealed class MalformedLineException(string message) : Exception(message);
