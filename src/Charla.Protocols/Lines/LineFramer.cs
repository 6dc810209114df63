using System.Buffers;

namespace Charla.Protocols.Lines;

/// <summary>What <see cref="LineFramer.TryRead"/> found at the front of the buffer.</summary>
public enum FrameStatus
{
    /// <summary>No complete line yet: read more.</summary>
    NeedMore,
    /// <summary>A complete line, without its terminator.</summary>
    Line,
    /// <summary>
    /// A line longer than the limit. It is reported once, as soon as the limit is passed, and
    /// its bytes are discarded up to and including its terminator, however long it runs.
    /// </summary>
    TooLong,
}

/// <summary>
/// Splits a byte stream into lines ended by <c>\n</c> or <c>\r\n</c>, each at most
/// <see cref="MaxLineBytes"/> long (terminator not counted). Memory stays bounded by the limit:
/// an over-long line is dropped as it streams in, never buffered whole.
/// </summary>
/// <remarks>
/// One framer per connection (it remembers whether it is inside a dropped line). A struct, kept
/// inside the connection's own state: pass it by reference.
/// </remarks>
public struct LineFramer(int maxLineBytes)
{
    private bool _discarding;

    public readonly int MaxLineBytes { get; } = maxLineBytes;

    /// <summary>
    /// Takes the next line off the front of <paramref name="buffer"/>, advancing it past what was
    /// consumed. <paramref name="line"/> is a slice of the input: valid until the reader advances.
    /// </summary>
    public FrameStatus TryRead(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        line = default;
        while (true)
        {
            var newline = buffer.PositionOf((byte)'\n');
            if (_discarding)
            {
                if (newline is null)
                {
                    buffer = buffer.Slice(buffer.End);
                    return FrameStatus.NeedMore;
                }

                buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
                _discarding = false;
                continue;
            }

            if (newline is null)
            {
                // One byte of slack: the limit's last byte may be followed by the \r of \r\n.
                if (buffer.Length > MaxLineBytes + 1)
                {
                    _discarding = true;
                    buffer = buffer.Slice(buffer.End);
                    return FrameStatus.TooLong;
                }

                return FrameStatus.NeedMore;
            }

            line = buffer.Slice(0, newline.Value);
            buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
            if (!line.IsEmpty && EndsWithCarriageReturn(line))
            {
                line = line.Slice(0, line.Length - 1);
            }

            return line.Length > MaxLineBytes ? FrameStatus.TooLong : FrameStatus.Line;
        }
    }

    private static bool EndsWithCarriageReturn(in ReadOnlySequence<byte> line) =>
        line.Slice(line.Length - 1).FirstSpan[0] == (byte)'\r';
}
