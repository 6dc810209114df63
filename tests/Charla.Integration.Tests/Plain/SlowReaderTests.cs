using Charla.Integration.Tests.Support;

namespace Charla.Integration.Tests.Plain;

public sealed class SlowReaderTests
{
    [Fact]
    public async Task A_client_that_stops_reading_is_dropped_and_the_others_get_every_line()
    {
        // Batches small enough for a reading client's 16 KiB SendQ; the stalled client's queue
        // only grows. 60,000 x ~300 bytes is far beyond every buffer between server and client.
        const int Batch = 20;
        const int MaxMessages = 60_000;
        await using var server = await TestServer.StartAsync(("Limits:SendQueueBytes", "16384"));
        var stalled = await server.ConnectAsync(receiveBufferBytes: 4096);
        var (sender, reader) = await server.ConnectPairAsync();

        var text = new string('z', 280);
        var dropLine = $"* {stalled.Nick} left (SendQ exceeded)";
        var sent = 0;
        var dropped = false;
        while (!dropped && sent < MaxMessages)
        {
            await sender.SendAsync(string.Concat(Enumerable.Range(sent, Batch).Select(i => $"{i} {text}\n")));
            for (var i = sent; i < sent + Batch; i++)
            {
                var acks = await sender.ReadUntilAsync(l => l == "(OK)");
                var lines = await reader.ReadUntilAsync(l => !l.StartsWith('*'));
                dropped |= acks.Contains(dropLine) || lines.Contains(dropLine);
                Assert.Equal($"{sender.Nick}: {i} {text}", lines[^1]);
            }

            sent += Batch;
        }

        Assert.True(dropped, $"the stalled client was not dropped after {sent} messages");
        Assert.Equal(2, server.Engine.SessionCount);
    }

    [Fact]
    public async Task A_client_that_reads_late_gets_every_line_in_order_once_it_reads()
    {
        // More than the kernel buffers between server and client hold, less than the SendQ: the
        // server must wait on the socket with lines queued, then deliver them all, in order.
        const int Messages = 30_000;
        await using var server = await TestServer.StartAsync(("Limits:SendQueueBytes", "33554432"), ("Limits:Flood:LinesPerSecond", "0"));
        var late = await server.ConnectAsync(receiveBufferBytes: 4096);
        var sender = await server.ConnectAsync();
        await late.ReadUntilAsync(l => l.Contains(sender.Nick, StringComparison.Ordinal));

        var text = new string('q', 280);
        const int Batch = 200;
        for (var sent = 0; sent < Messages; sent += Batch)
        {
            await sender.SendAsync(string.Concat(Enumerable.Range(sent, Batch).Select(i => $"{i} {text}\n")));
            for (var i = 0; i < Batch; i++)
            {
                await sender.ReadUntilAsync(l => l == "(OK)");
            }
        }

        var waiting = server.Engine.FindByNick(late.Nick)!.Output.QueuedBytes;
        Assert.True(waiting > 0, "the late reader's lines all fit in the kernel's buffers: the test did not make the server wait");

        for (var i = 0; i < Messages; i++)
        {
            Assert.Equal($"{sender.Nick}: {i} {text}", await late.ReadLineAsync());
        }

        // The server notes the last send done just after the kernel took it: give it a moment.
        var session = server.Engine.FindByNick(late.Nick)!;
        for (var i = 0; i < 500 && session.Output.QueuedBytes > 0; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(0, session.Output.QueuedBytes);
    }
}
