using System.Buffers;
using System.Text;
using Charla.Protocols.Tests.Support;
using Charla.Protocols.Lines;

namespace Charla.Protocols.Tests;

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
    public void Lines_end_with_lf_cr_or_crlf_at_any_segment_boundary_and_empty_ones_are_skipped()
    {
        var bytes = "one\ntwo\r\n\r\nthree\rfour\r\r\nfive\n"u8.ToArray();
        foreach (var buffer in Segments.AllSplits(bytes))
        {
            var framer = new LineFramer(10);
            Assert.Equal(["one", "two", "three", "four", "five"], Frame(ref framer, buffer, out var left));
            Assert.Equal(0, left);
        }
    }

    [Fact]
    public void No_line_handed_on_holds_a_cr_or_lf_wherever_the_reads_split_the_input()
    {
        var bytes = "PRIVMSG #c :hello\r:evil!evil@evil.example PRIVMSG bob :spoofed\r\n"u8.ToArray();
        foreach (var buffer in Segments.AllSplits(bytes))
        {
            var framer = new LineFramer(100);
            Assert.Equal(["PRIVMSG #c :hello", ":evil!evil@evil.example PRIVMSG bob :spoofed"], Frame(ref framer, buffer, out _));
        }
    }

    [Fact]
    public void A_cr_at_the_end_of_a_read_ends_its_line_and_the_lf_that_follows_adds_nothing()
    {
        var framer = new LineFramer(10);
        Assert.Equal(["one"], Frame(ref framer, Segments.Of("one\r"u8.ToArray()), out var left));
        Assert.Equal(0, left);
        Assert.Equal(["two"], Frame(ref framer, Segments.Of("\ntwo\n"u8.ToArray()), out left));
        Assert.Equal(0, left);
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
        Assert.Equal(["<too long>", "ok"], Frame(ref framer, Segments.Of("123456"u8.ToArray().Concat("\rok\r"u8.ToArray()).ToArray()), out _));
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
