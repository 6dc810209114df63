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
    public async Task Copied_replies_and_shared_lines_leave_in_the_order_they_were_queued()
    {
        var writer = new RecordingWriter();
        var queue = new OutputQueue(10_000);
        queue.Attach(writer);
        var reply = new byte[] { 1, 2 };

        using (OutputBatch.Open())
        {
            Assert.True(queue.TryEnqueueCopy(reply));
            reply[0] = 9; // the caller's buffer is free once queued
            Assert.True(queue.TryEnqueueCopy(new byte[] { 3 }));
            Assert.True(queue.TryEnqueue(new byte[] { 4, 5 }));
            Assert.True(queue.TryEnqueueCopy(new byte[300])); // past the first chunk: a new one
            Assert.True(queue.TryEnqueueCopy(new byte[] { 6 }));
            Assert.Equal(306, queue.QueuedBytes);
        }

        var write = Assert.Single(writer.Writes);
        Assert.Equal([1, 2, 3, 4, 5, .. new byte[300], 6], write);
        Assert.Equal(0, queue.QueuedBytes);

        // The written chunks went back to the pool: later replies are still whole and in order.
        for (byte round = 10; round < 20; round++)
        {
            Assert.True(queue.TryEnqueueCopy(Enumerable.Repeat(round, 1000).ToArray()));
        }

        await queue.WhenDrainedAsync(); // outside a batch, a writer lane drains them

        Assert.Equal(Enumerable.Range(10, 10).SelectMany(b => Enumerable.Repeat((byte)b, 1000)), writer.Writes.Skip(1).SelectMany(w => w));
    }

    [Fact]
    public void A_copied_reply_past_the_bound_is_refused()
    {
        var queue = new OutputQueue(100);
        Assert.True(queue.TryEnqueueCopy(new byte[60]));
        Assert.False(queue.TryEnqueueCopy(new byte[41]));
        Assert.Equal(60, queue.QueuedBytes);
    }

    [Fact]
    public void A_dequeued_reply_is_not_changed_by_replies_copied_after_it()
    {
        var queue = new OutputQueue(1000);
        queue.TryEnqueueCopy(new byte[] { 1 });
        Assert.True(queue.TryDequeue(out var first));
        queue.TryEnqueueCopy(new byte[] { 2 });
        queue.TryEnqueueCopy(new byte[] { 3 });

        Assert.Equal([1], first.ToArray());
        Assert.True(queue.TryDequeue(out var rest));
        Assert.Equal([2, 3], rest.ToArray());
    }

    [Fact]
    public void In_a_batch_every_line_queued_goes_out_in_one_write_when_the_batch_closes()
    {
        var writer = new RecordingWriter();
        var queue = new OutputQueue(100);
        queue.Attach(writer);

        using (OutputBatch.Open())
        {
            queue.TryEnqueue(new byte[] { 1 });
            queue.TryEnqueue(new byte[] { 2 });
            queue.TryEnqueue(new byte[] { 3 });
            Assert.Empty(writer.Writes);
        }

        var write = Assert.Single(writer.Writes);
        Assert.Equal([1, 2, 3], write);
        Assert.Equal(0, queue.QueuedBytes);
    }

    [Fact]
    public void A_small_batch_is_written_on_its_own_thread_as_it_closes_each_queue_once()
    {
        var queues = AttachedQueues(OutputBatch.InlineWriteLimit);

        using (OutputBatch.Open())
        {
            EnqueueTwoLinesEach(queues);
            Assert.All(queues, q => Assert.Empty(q.Writer.Writes));
        }

        // No await since: the closing batch wrote them itself.
        Assert.All(queues, q => Assert.Equal([1, 2], Assert.Single(q.Writer.Writes)));
    }

    [Fact]
    public async Task A_big_batch_is_written_by_the_pool_each_queue_once()
    {
        var queues = AttachedQueues(OutputBatch.InlineWriteLimit + 8);

        using (OutputBatch.Open())
        {
            EnqueueTwoLinesEach(queues);
        }

        await AssertEachWrittenOnceAsync(queues);
    }

    [Fact]
    public void Inside_an_outer_batch_a_few_writes_wait_for_it_and_go_out_together()
    {
        var (first, second) = (AttachedQueues(3), AttachedQueues(3));

        using (OutputBatch.Open()) // an epoll loop's turn
        {
            using (OutputBatch.Open()) // one read
            {
                EnqueueTwoLinesEach(first);
            }

            Assert.All(first, q => Assert.Empty(q.Writer.Writes));
            using (OutputBatch.Open()) // the next read
            {
                EnqueueTwoLinesEach(second);
                EnqueueTwoLinesEach(first); // the same clients again: still one write each
            }

            Assert.All(first.Concat(second), q => Assert.Empty(q.Writer.Writes));
        }

        Assert.Equal([1, 2, 1, 2], Assert.Single(first[0].Writer.Writes));
        Assert.All(second, q => Assert.Equal([1, 2], Assert.Single(q.Writer.Writes)));
    }

    [Fact]
    public void An_outer_batch_writes_the_few_writes_of_many_reads_itself_however_many_they_make()
    {
        var reads = Enumerable.Range(0, 10).Select(_ => AttachedQueues(5)).ToList(); // 50 queues, 5 per read

        using (OutputBatch.Open())
        {
            foreach (var queues in reads)
            {
                using (OutputBatch.Open())
                {
                    EnqueueTwoLinesEach(queues);
                }
            }

            Assert.All(reads.SelectMany(q => q), q => Assert.Empty(q.Writer.Writes));
        }

        // No await since: the outer batch wrote them all on this thread.
        Assert.All(reads.SelectMany(q => q), q => Assert.Equal([1, 2], Assert.Single(q.Writer.Writes)));
    }

    [Fact]
    public async Task Inside_an_outer_batch_a_big_fan_out_goes_to_the_pool_when_its_own_batch_closes()
    {
        var queues = AttachedQueues(OutputBatch.InlineWriteLimit + 8);
        bool writtenWhileOpen;

        using (OutputBatch.Open())
        {
            using (OutputBatch.Open())
            {
                EnqueueTwoLinesEach(queues);
            }

            // Handed over already: the pool writes while the outer batch is still open.
            writtenWhileOpen = SpinWait.SpinUntil(() => queues.All(q => q.Queue.QueuedBytes == 0), TimeSpan.FromSeconds(10));
        }

        Assert.True(writtenWhileOpen);
        await AssertEachWrittenOnceAsync(queues);
    }

    [Fact]
    public async Task Outside_a_batch_lines_are_written_soon_and_in_order()
    {
        var writer = new RecordingWriter();
        var queue = new OutputQueue(1000);
        queue.Attach(writer);
        for (byte i = 0; i < 50; i++)
        {
            queue.TryEnqueue(new[] { i });
        }

        queue.Complete();
        await queue.WhenDrainedAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (byte)i), writer.Writes.SelectMany(w => w));
    }

    [Fact]
    public async Task Bytes_a_slow_transport_has_not_taken_still_count_against_the_bound()
    {
        var writer = new RecordingWriter { Pending = new TaskCompletionSource<bool>() };
        var queue = new OutputQueue(100);
        queue.Attach(writer);
        using (OutputBatch.Open())
        {
            queue.TryEnqueue(new byte[60]);
        }

        Assert.Equal(60, queue.QueuedBytes);
        Assert.False(queue.TryEnqueue(new byte[41]));
        Assert.True(queue.TryEnqueue(new byte[40]));

        var drained = queue.WhenDrainedAsync();
        Assert.False(drained.IsCompleted);
        writer.Pending.SetResult(true);
        writer.Pending = null;
        await drained.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, queue.QueuedBytes);
        Assert.Equal(2, writer.Writes.Count);
    }

    [Fact]
    public async Task A_drain_waiter_continues_on_the_thread_that_drained_and_a_later_wait_waits_for_the_later_drain()
    {
        var writer = new RecordingWriter { Pending = new TaskCompletionSource<bool>() };
        var queue = new OutputQueue(1000);
        queue.Attach(writer);
        var continuedOn = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        // Off the test framework's synchronization context, as in the server.
        await Task.Run(() =>
        {
            using (OutputBatch.Open())
            {
                queue.TryEnqueue(new byte[5]); // taken by the writer, which has no room yet
            }

            _ = queue.WhenDrainedAsync().ContinueWith(
                _ => continuedOn.SetResult(Environment.CurrentManagedThreadId), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        });

        // The transport makes room on a thread of its own: the drain ends there, and so does the
        // wait (a leaving connection closes its socket there, with no hop to the thread pool).
        var drainer = new Thread(() =>
        {
            var pending = writer.Pending!;
            writer.Pending = null;
            pending.SetResult(true);
        });
        drainer.Start();
        drainer.Join();
        Assert.Equal(drainer.ManagedThreadId, await continuedOn.Task.WaitAsync(TimeSpan.FromSeconds(10)));

        // A second wait is for the second drain, not the first one's answer.
        writer.Pending = new TaskCompletionSource<bool>();
        await Task.Run(() =>
        {
            using (OutputBatch.Open())
            {
                queue.TryEnqueue(new byte[5]);
            }
        });
        var second = queue.WhenDrainedAsync();
        Assert.False(second.IsCompleted);
        writer.Pending.SetResult(true);
        await second.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_gone_transport_is_reported_once_and_the_queue_refuses_more()
    {
        var owner = new CountingOwner();
        var writer = new RecordingWriter { Result = false };
        var queue = new OutputQueue(100, owner);
        queue.Attach(writer);
        using (OutputBatch.Open())
        {
            queue.TryEnqueue(new byte[5]);
        }

        await queue.WhenDrainedAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, owner.Gone);
        Assert.False(queue.TryEnqueue(new byte[5]));
    }

    [Fact]
    public void Completing_refuses_new_lines_and_an_idle_queue_is_drained_at_once()
    {
        var queue = new OutputQueue(100);
        queue.Attach(new RecordingWriter());
        queue.Complete();

        Assert.False(queue.TryEnqueue(new byte[5]));
        Assert.True(queue.WhenDrainedAsync().IsCompleted);
    }

    [Fact]
    public void A_queue_keeps_its_grown_ring_between_bursts_and_gives_it_back_once_idle()
    {
        var queue = new OutputQueue(1_000_000);
        for (var i = 0; i < 100; i++)
        {
            Assert.True(queue.TryEnqueue(new byte[10]));
        }

        var grown = queue.RingCapacity;
        Assert.True(grown >= 100);
        while (queue.TryDequeue(out _))
        {
        }

        queue.Trim(); // lines came since the last sweep: a busy client keeps its ring
        Assert.Equal(grown, queue.RingCapacity);
        Assert.True(queue.TryEnqueue(new byte[10]));
        Assert.Equal(grown, queue.RingCapacity); // the next burst does not grow it again

        Assert.True(queue.TryDequeue(out _));
        queue.Trim();
        queue.Trim(); // a whole sweep with nothing: idle, it holds no array
        Assert.Equal(0, queue.RingCapacity);
        Assert.True(queue.TryEnqueue(new byte[10]));
        Assert.True(queue.TryDequeue(out var line));
        Assert.Equal(10, line.Length);
    }

    [Fact]
    public void A_queue_written_now_leaves_its_batch_at_once_and_the_others_wait_for_the_batch_to_close()
    {
        var (leaving, staying) = (new RecordingWriter(), new RecordingWriter());
        var (leavingQueue, stayingQueue) = (new OutputQueue(10_000), new OutputQueue(10_000));
        leavingQueue.Attach(leaving);
        stayingQueue.Attach(staying);

        using (OutputBatch.Open())
        {
            Assert.True(stayingQueue.TryEnqueue(new byte[] { 1 }));
            Assert.True(leavingQueue.TryEnqueue(new byte[] { 2 }));
            Assert.True(leavingQueue.TryEnqueueCopy(new byte[] { 3 }));

            OutputBatch.WriteNow(leavingQueue);

            Assert.Equal([2, 3], Assert.Single(leaving.Writes));
            Assert.True(leavingQueue.WhenDrainedAsync().IsCompletedSuccessfully);
            Assert.Empty(staying.Writes);
        }

        Assert.Equal([1], Assert.Single(staying.Writes));
        Assert.Single(leaving.Writes); // written once, not again when the batch closed
    }

    private static List<(OutputQueue Queue, RecordingWriter Writer)> AttachedQueues(int count)
    {
        var queues = Enumerable.Range(0, count).Select(_ => (Queue: new OutputQueue(100), Writer: new RecordingWriter())).ToList();
        foreach (var (queue, writer) in queues)
        {
            queue.Attach(writer);
        }

        return queues;
    }

    private static void EnqueueTwoLinesEach(List<(OutputQueue Queue, RecordingWriter Writer)> queues)
    {
        foreach (var (queue, _) in queues)
        {
            Assert.True(queue.TryEnqueue(new byte[] { 1 }));
            Assert.True(queue.TryEnqueue(new byte[] { 2 }));
        }
    }

    private static async Task AssertEachWrittenOnceAsync(List<(OutputQueue Queue, RecordingWriter Writer)> queues)
    {
        foreach (var (queue, writer) in queues)
        {
            queue.Complete();
            await queue.WhenDrainedAsync().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal([1, 2], Assert.Single(writer.Writes));
        }
    }

    private sealed class CountingOwner : IOutputOwner
    {
        public int Gone { get; private set; }

        public void OnWriterGone() => Gone++;
    }

    [Fact]
    public void Lines_behind_a_reply_not_known_yet_wait_for_it_and_leave_in_order()
    {
        var writer = new RecordingWriter();
        var queue = new OutputQueue(10_000);
        queue.Attach(writer);
        var reply = new LateReply();

        using (OutputBatch.Open())
        {
            Assert.True(queue.TryEnqueueCopy(new byte[] { 1 }));
            Assert.True(queue.TryEnqueueDeferred(reply));
            Assert.True(queue.TryEnqueueCopy(new byte[] { 3 }));
        }

        Assert.Equal([[1]], writer.Writes);
        using (OutputBatch.Open())
        {
            reply.Say([2]);
        }

        Assert.Equal([[1], [2, 3]], writer.Writes);
    }

    [Fact]
    public async Task An_abandoned_queue_is_drained_at_once_even_behind_a_reply_that_never_comes()
    {
        var writer = new RecordingWriter();
        var queue = new OutputQueue(10_000);
        queue.Attach(writer);
        var reply = new LateReply();
        using (OutputBatch.Open())
        {
            Assert.True(queue.TryEnqueueDeferred(reply));
            Assert.True(queue.TryEnqueueCopy(new byte[] { 3 }));
        }

        var drained = queue.WhenDrainedAsync();
        Assert.False(drained.IsCompleted); // the line waits behind the reply

        queue.Abandon();
        await drained;
        Assert.False(queue.TryEnqueueCopy(new byte[] { 4 }));
        using (OutputBatch.Open())
        {
            reply.Say([2]); // too late: nothing more is written
        }

        Assert.Empty(writer.Writes);
    }

    private sealed class LateReply : DeferredReply
    {
        public void Say(byte[] lines) => Complete(lines);
    }

    private sealed class RecordingWriter : IOutputWriter
    {
        private readonly Lock _gate = new();

        public List<byte[]> Writes { get; } = [];

        public bool Result { get; init; } = true;

        /// <summary>While set, writes are taken but the transport has no room until it completes.</summary>
        public TaskCompletionSource<bool>? Pending { get; set; }

        public ValueTask<bool> WriteAsync(ReadOnlySpan<ReadOnlyMemory<byte>> lines)
        {
            var bytes = new List<byte>();
            foreach (var line in lines)
            {
                bytes.AddRange(line.Span);
            }

            lock (_gate)
            {
                Writes.Add([.. bytes]);
            }

            return Pending is { } pending ? new(pending.Task) : new(Result);
        }
    }
}
