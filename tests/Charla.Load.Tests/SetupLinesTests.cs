using System.Text;
using Charla.Load.Clients;

namespace Charla.Load.Tests;

public sealed class SetupLinesTests
{
    private static LineBuffer Received(string text)
    {
        var lines = new LineBuffer(1024);
        var bytes = Encoding.UTF8.GetBytes(text);
        bytes.CopyTo(lines.Space());
        lines.Received(bytes.Length);
        return lines;
    }

    [Fact]
    public void Setup_lines_are_taken_up_to_a_ping_then_the_match_and_an_unfinished_line_waits()
    {
        var lines = Received(":s NOTICE * :hi\r\nPING :abc\r\n:s 001 w :Welcome\r\n:s 002 w :Your host\r\n:s 366");
        static bool Welcome(string line) => SetupLines.Command(line) == "001";

        Assert.True(SetupLines.TryTake(lines, Welcome, "w", out var match, out var pong));
        Assert.Equal((null, "PONG :abc\r\n"), (match, pong));
        Assert.True(SetupLines.TryTake(lines, Welcome, "w", out match, out pong));
        Assert.Equal((":s 001 w :Welcome", null), (match, pong));
        Assert.False(SetupLines.TryTake(lines, line => SetupLines.Command(line) == "366", "w", out match, out pong));
        Assert.Equal((null, null), (match, pong));
    }

    [Theory]
    [InlineData(":s 433 * w :Nickname is already in use")]
    [InlineData("ERROR :Closing Link: 127.0.0.1 (Server is full, try again later)")]
    [InlineData(":s 474 w #churn :Cannot join channel (+b)")]
    public void A_refusal_during_setup_fails_the_client(string refusal)
    {
        var lines = Received(refusal + "\r\n");
        var error = Assert.Throws<IOException>(() => SetupLines.TryTake(lines, _ => true, "w", out _, out _));
        Assert.Equal("w: " + refusal, error.Message);
    }
}
