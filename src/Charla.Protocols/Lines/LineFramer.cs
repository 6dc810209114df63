using System.Buffers;

namespace Charla.Protocols.Lines;

/// <summary>What <see cref="LineFramer.TryRead"/> found at the front of the buffer.</summary>
public enum FrameStatus
{
    /// <summary>No complete line yet: read more.</summary>
    NeedMore,
    /// <summary>A complete, non-empty line, without its terminator.</summary>
    Line,
    /// <summary>
    /// A line longer than the limit. It is reported once, as soon as the limit is passed, and
    /// its bytes are discarded up to and including its terminator, however long it runs.
    /// </summary>
    TooLong,
}

/// <summary>
/// Splits a byte stream into lines, each at most <see cref="MaxLineBytes"/> long (terminator
/// not counted). A line ends at CR, at LF, or at CR LF; empty lines are skipped, so CR LF is
/// one terminator whether or not the two bytes arrive together. Memory stays bounded by the
/// limit: an over-long line is dropped as it streams in, never buffered whole.
/// </summary>
/// <remarks>
/// <para>
/// Why a lone CR ends a line: RFC 1459 and RFC 2812 (section 2.3.1) name both CR and LF as
/// message separators, and clients that end a line on CR would otherwise show a CR inside a
/// relayed line as the start of a second, forged message. So no line handed to a protocol
/// contains CR or LF, in IRC and in plain mode alike.
/// </para>
/// <para>
/// One framer per connection (it remembers whether it is inside a dropped line). A struct,
/// kept inside the connection's own state: pass it by reference.
/// </para>
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
        if (!_discarding && buffer.IsSingleSegment)
        {
            return TryReadSpan(ref buffer, out line);
        }

        while (true)
        {
            var terminator = FindTerminator(buffer);
            if (_discarding)
            {
                if (terminator is null)
                {
                    buffer = buffer.Slice(buffer.End);
                    return FrameStatus.NeedMore;
                }

                buffer = buffer.Slice(buffer.GetPosition(1, terminator.Value));
                _discarding = false;
                continue;
            }

            if (terminator is null)
            {
                if (buffer.Length > MaxLineBytes)
                {
                    _discarding = true;
                    buffer = buffer.Slice(buffer.End);
                    return FrameStatus.TooLong;
                }

                return FrameStatus.NeedMore;
            }

            line = buffer.Slice(0, terminator.Value);
            buffer = buffer.Slice(buffer.GetPosition(PastTerminator(buffer, terminator.Value), terminator.Value));
            if (line.IsEmpty)
            {
                continue; // a blank line, or the LF of a CR LF split across reads: nothing to hand on
            }

            return line.Length > MaxLineBytes ? FrameStatus.TooLong : FrameStatus.Line;
        }
    }

    /// <summary>
    /// <see cref="TryRead"/> on one segment (almost every read), with indices into its span:
    /// each sequence slice costs more than the search itself.
    /// </summary>
    private FrameStatus TryReadSpan(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        line = default;
        var span = buffer.FirstSpan;
        var start = 0;
        while (true)
        {
            var rest = span[start..];
            var end = rest.IndexOfAny((byte)'\r', (byte)'\n');
            if (end < 0)
            {
                if (rest.Length > MaxLineBytes)
                {
                    _discarding = true;
                    buffer = buffer.Slice(buffer.End);
                    return FrameStatus.TooLong;
                }

                buffer = buffer.Slice(start);
                return FrameStatus.NeedMore;
            }

            var past = end + (rest[end] == (byte)'\r' && end + 1 < rest.Length && rest[end + 1] == (byte)'\n' ? 2 : 1);
            if (end == 0)
            {
                start += past; // a blank line, or the LF of a CR LF split across reads
                continue;
            }

            line = buffer.Slice(start, end);
            buffer = buffer.Slice(start + past);
            return end > MaxLineBytes ? FrameStatus.TooLong : FrameStatus.Line;
        }
    }

    /// <summary>
    /// 2 when the terminator at <paramref name="at"/> is a CR followed by LF in the same segment
    /// (CR LF taken in one step: the common case), else 1.
    /// </summary>
    private static int PastTerminator(in ReadOnlySequence<byte> buffer, SequencePosition at)
    {
        var rest = buffer.Slice(at).FirstSpan;
        return rest.Length > 1 && rest[0] == (byte)'\r' && rest[1] == (byte)'\n' ? 2 : 1;
    }

    /// <summary>Where the first CR or LF is, or null.</summary>
    private static SequencePosition? FindTerminator(in ReadOnlySequence<byte> buffer)
    {
        if (buffer.IsSingleSegment)
        {
            var index = buffer.FirstSpan.IndexOfAny((byte)'\r', (byte)'\n');
            return index < 0 ? null : buffer.GetPosition(index);
        }

        var position = buffer.Start;
        var start = position;
        while (buffer.TryGet(ref position, out var segment))
        {
            var index = segment.Span.IndexOfAny((byte)'\r', (byte)'\n');
            if (index >= 0)
            {
                return buffer.GetPosition(index, start);
            }

            start = position;
        }

        return null;
    }
}
