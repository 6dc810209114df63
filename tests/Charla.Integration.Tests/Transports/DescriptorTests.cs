using Charla.Integration.Tests.Support;

namespace Charla.Integration.Tests.Transports;

/// <summary>The tests that count this process's open sockets: alone, so that no other test's sockets come and go meanwhile.</summary>
[CollectionDefinition(nameof(SocketCounting), DisableParallelization = true)]
public sealed class SocketCounting;

/// <summary>A closed connection leaves no descriptor open, on either input wait, whatever its sends went through.</summary>
[Collection(nameof(SocketCounting))]
public sealed class DescriptorTests
{
    [LinuxTheory("counts /proc/self/fd")]
    [InlineData("true")]
    [InlineData("false")]
    public async Task Every_descriptor_of_a_closed_connection_is_closed_including_after_a_send_that_waited(string epoll)
    {
        await using var server = await TestServer.StartAsync(
            ("Tcp:Epoll", epoll), ("Limits:SendQueueBytes", "33554432"), ("Limits:Flood:LinesPerSecond", "0"));
        var socketsBefore = OpenSockets();
        var stalled = await server.ConnectAsync(receiveBufferBytes: 4096);
        var sender = await server.ConnectAsync();
        await stalled.ReadUntilAsync(l => l.Contains(sender.Nick, StringComparison.Ordinal));

        // More than the kernel's buffers between server and reader hold (as in SlowReaderTests):
        // the server's send must wait for room.
        var text = new string('w', 280);
        const int Batch = 200;
        for (var sent = 0; sent < 30_000; sent += Batch)
        {
            await sender.SendAsync(string.Concat(Enumerable.Range(sent, Batch).Select(i => $"{i} {text}\n")));
            for (var i = 0; i < Batch; i++)
            {
                await sender.ReadUntilAsync(l => l == "(OK)");
            }
        }

        var queue = server.Engine.FindByNick(stalled.Nick)!.Output;
        Assert.True(queue.QueuedBytes > 0, "the server never had to wait to send");
        await stalled.DisposeAsync();
        await sender.DisposeAsync();
        for (var i = 0; i < 200 && server.Engine.ConnectionCount > 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(0, server.Engine.ConnectionCount);
        for (var i = 0; i < 100 && OpenSockets() != socketsBefore; i++)
        {
            await Task.Delay(50); // the last close follows the engine's count
        }

        Assert.Equal(socketsBefore, OpenSockets());
    }

    /// <summary>This process's open socket descriptors (the test's clients and the server's side of them among them).</summary>
    private static int OpenSockets() => Directory.GetFiles("/proc/self/fd")
        .Count(fd => new FileInfo(fd).LinkTarget?.StartsWith("socket:[", StringComparison.Ordinal) == true);
}
