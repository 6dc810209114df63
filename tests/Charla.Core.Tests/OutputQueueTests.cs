using Charla.Core.Output;

namespace Charla.Core.Tests;

public sealed class OutputQueueTests
{
    [Fact]
    public void Lines_leave_in_order_and_the_byte_count_follows()
    {
        var queue = new OutputQueue(100);
        Assert.True(queue.TryEnqueue(new byte[10]));
        Assert.True(queue.TryEnqueue(new byte[20]));
        Assert.Equal(30, queue.QueuedBytes);

        Assert.True(queue.TryDequeue(out var first));
        Assert.Equal(10, first.Length);
        Assert.Equal(20, queue.QueuedBytes);
    }

    [Fact]
    public void A_line_past_the_bound_is_refused_and_nothing_grows()
    {
        var queue = new OutputQueue(100);
        Assert.True(queue.TryEnqueue(new byte[60]));
        Assert.False(queue.TryEnqueue(new byte[41]));
        Assert.Equal(60, queue.QueuedBytes);
        Assert.True(queue.TryEnqueue(new byte[40]));
    }

    [Fact]
    public async Task Completing_lets_the_writer_drain_what_is_queued_then_stop()
    {
        var queue = new OutputQueue(100);
        queue.TryEnqueue(new byte[5]);
        queue.Complete();

        Assert.False(queue.TryEnqueue(new byte[5]));
        Assert.True(await queue.WaitToReadAsync());
        Assert.True(queue.TryDequeue(out _));
        Assert.False(await queue.WaitToReadAsync());
        Assert.Equal(0, queue.QueuedBytes);
    }
}
