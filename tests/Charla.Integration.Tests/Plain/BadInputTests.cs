using System.Text;
using Charla.Integration.Tests.Support;

namespace Charla.Integration.Tests.Plain;

/// <summary>Bad input gets a clear (ERROR) line, nothing is relayed, and the connection stays up.</summary>
public sealed class BadInputTests
{
    /// <summary>After bad input, the sender can still chat and the observer got nothing but that.</summary>
    private static async Task AssertStillChattingAsync(PlainClient sender, PlainClient observer)
    {
        await sender.SendLineAsync("still here");
        await sender.ExpectAsync("(OK)");
        await observer.ExpectAsync($"{sender.Nick}: still here");
        Assert.Empty(await observer.FenceAsync());
    }

    [Fact]
    public async Task A_line_over_400_bytes_is_refused_and_one_of_exactly_400_is_sent()
    {
        await using var server = await TestServer.StartAsync();
        var (sender, observer) = await server.ConnectPairAsync();
        await sender.SendLineAsync(new string('a', 401));
        await sender.ExpectAsync("(ERROR) Line too long (the limit is 400 bytes); it was not sent.");

        var exactly = new string('é', 200); // 400 bytes of UTF-8
        await sender.SendLineAsync(exactly);
        await sender.ExpectAsync("(OK)");
        await observer.ExpectAsync($"{sender.Nick}: {exactly}");

        await AssertStillChattingAsync(sender, observer);
    }

    [Fact]
    public async Task A_megabyte_without_a_newline_gets_one_error_and_the_connection_stays()
    {
        await using var server = await TestServer.StartAsync();
        var (sender, observer) = await server.ConnectPairAsync();
        var huge = new byte[1024 * 1024];
        Array.Fill(huge, (byte)'x');
        await sender.SendBytesAsync(huge);
        await sender.SendBytesAsync(huge);
        await sender.SendLineAsync(" end of the long line");

        await sender.ExpectAsync("(ERROR) Line too long (the limit is 400 bytes); it was not sent.");
        await AssertStillChattingAsync(sender, observer);
    }

    [Fact]
    public async Task Invalid_utf8_is_refused()
    {
        await using var server = await TestServer.StartAsync();
        var (sender, observer) = await server.ConnectPairAsync();
        await sender.SendBytesAsync([0x68, 0x69, 0xFF, 0xFE, 0xC3, (byte)'\n']);
        await sender.ExpectAsync("(ERROR) Invalid UTF-8; the line was not sent.");
        await AssertStillChattingAsync(sender, observer);
    }

    [Theory]
    [InlineData("ring \a the bell")]
    [InlineData("\u001b[2Jclear the screen")]
    [InlineData("nul \0 byte")]
    public async Task Control_characters_are_refused(string line)
    {
        await using var server = await TestServer.StartAsync();
        var (sender, observer) = await server.ConnectPairAsync();
        await sender.SendBytesAsync(Encoding.UTF8.GetBytes(line + "\n"));
        await sender.ExpectAsync("(ERROR) Control characters are not allowed; the line was not sent.");
        await AssertStillChattingAsync(sender, observer);
    }

    [Fact]
    public async Task Binary_garbage_gets_errors_and_never_crashes_the_server()
    {
        await using var server = await TestServer.StartAsync();
        var (sender, observer) = await server.ConnectPairAsync();
        var random = new Random(42);
        var garbage = new byte[64 * 1024];
        random.NextBytes(garbage);
        garbage = garbage.Where(b => b is not ((byte)'\n' or (byte)'\r' or (byte)'/')).ToArray();
        for (var i = 300; i < garbage.Length; i += 300)
        {
            garbage[i] = (byte)'\n';
        }

        await sender.SendBytesAsync(garbage);
        await sender.SendLineAsync("");
        var replies = await sender.FenceAsync();

        Assert.NotEmpty(replies);
        Assert.All(replies, r => Assert.StartsWith("(ERROR) ", r));
        await AssertStillChattingAsync(sender, observer);
    }

    [Fact]
    public async Task A_carriage_return_ends_a_line_so_no_relayed_line_can_pass_for_another_sender()
    {
        await using var server = await TestServer.StartAsync();
        var (sender, observer) = await server.ConnectPairAsync();
        await sender.SendBytesAsync(Encoding.UTF8.GetBytes("hi\radmin: the server restarts, send me your password\r\n"));

        await sender.ExpectAsync("(OK)");
        await sender.ExpectAsync("(OK)");
        await observer.ExpectAsync($"{sender.Nick}: hi");
        await observer.ExpectAsync($"{sender.Nick}: admin: the server restarts, send me your password");
        await AssertStillChattingAsync(sender, observer);
    }
}
