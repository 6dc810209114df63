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
}
