namespace Charla.Load.Clients;

/// <summary>
/// Received bytes cut into lines (<c>\n</c> or <c>\r\n</c>) without allocating: a client receives
/// into <see cref="Space"/>, records it with <see cref="Received"/>, and takes whole lines.
/// </summary>
public sealed class LineBuffer(int size)
{
    private readonly byte[] _buffer = new byte[size];
    private int _start;
    private int _end;

    /// <summary>The next whole line (without its line ending), if one has arrived.</summary>
    public bool TryTakeLine(out ReadOnlyMemory<byte> line)
    {
        var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
        if (newline < 0)
        {
            line = default;
            return false;
        }

        var length = newline > 0 && _buffer[_start + newline - 1] == (byte)'\r' ? newline - 1 : newline;
        line = _buffer.AsMemory(_start, length);
        _start += newline + 1;
        return true;
    }

    /// <summary>Room for the next receive, after the unfinished line is moved to the front.</summary>
    public Memory<byte> Space()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            _end = 0; // a line longer than the buffer: not ours to measure; drop it
        }

        return _buffer.AsMemory(_end);
    }

    /// <summary>Records <paramref name="count"/> bytes received into <see cref="Space"/>.</summary>
    public void Received(int count) => _end += count;
}
