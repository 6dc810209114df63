using System.Buffers;
using System.Text;
using Charla.Core.Tests.Support;
using Charla.Protocols.Lines;

namespace Charla.Core.Tests;

public sealed class LineFramerTests
{
    private static List<string> Frame(ref LineFramer framer, ReadOnlySequence<byte> buffer, out long left)
    {
        var found = new List<string>();
        while (true)
        {
            var status = framer.TryRead(ref buffer, out var line);
            if (status == FrameStatus.NeedMore)
            {
                left = buffer.Length;
                return found;
            }

            found.Add(status == FrameStatus.TooLong ? "<too long>" : Encoding.UTF8.GetString(line.ToArray()));
        }
    }

    [Fact]
    public void Lines_end_with_lf_or_crlf_at_any_segment_boundary()
    {
        var bytes = "one\ntwo\r\n\r\nthree\n"u8.ToArray();
        foreach (var buffer in Segments.AllSplits(bytes))
        {
            var framer = new LineFramer(10);
            Assert.Equal(["one", "two", "", "three"], Frame(ref framer, buffer, out var left));
            Assert.Equal(0, left);
        }
    }

    [Fact]
    public void An_unfinished_line_is_left_for_the_next_read()
    {
        var framer = new LineFramer(10);
        Assert.Equal(["done"], Frame(ref framer, Segments.Of("done\npart"u8.ToArray()), out var left));
        Assert.Equal(4, left);
    }

    [Fact]
    public void A_line_of_exactly_the_limit_passes_and_one_byte_more_does_not()
    {
        var framer = new LineFramer(5);
        Assert.Equal(["12345", "<too long>", "ok"], Frame(ref framer, Segments.Of("12345\r\n123456\nok\n"u8.ToArray()), out _));
    }

    [Fact]
    public void An_endless_line_is_reported_once_and_dropped_as_it_streams_without_buffering()
    {
        var framer = new LineFramer(8);
        Assert.Equal(["<too long>"], Frame(ref framer, Segments.Of(new byte[100]), out var left));
        Assert.Equal(0, left); // nothing kept: memory stays bounded however long the line runs
        Assert.Empty(Frame(ref framer, Segments.Of(new byte[100]), out left));
        Assert.Equal(0, left);
        Assert.Equal(["next"], Frame(ref framer, Segments.Of("tail\nnext\n"u8.ToArray()), out _));
    }
}
