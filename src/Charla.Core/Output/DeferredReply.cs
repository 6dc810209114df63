using Charla.Storage;

namespace Charla.Core.Output;

/// <summary>
/// A reply whose place in a client's output is taken now and whose bytes come later: the
/// acknowledgement of a message, which may go out only once the message is on disk
/// (<see cref="StoredReply"/>), or an answer read from the store (<see cref="TaskReply"/>).
/// Until then, whatever is queued for the client after it waits behind it, so the client reads
/// its replies in order. One object per reservation.
/// </summary>
public abstract class DeferredReply
{
    internal OutputQueue? Queue { get; set; }

    /// <summary>Its place: the number of lines pushed into the queue before it.</summary>
    internal long Sequence { get; set; }

    internal bool IsResolved { get; set; }

    /// <summary>Puts the complete line(s) in this reply's place (may be empty), and lets what waits behind go.</summary>
    protected void Complete(ReadOnlyMemory<byte> lines) => Queue?.Resolve(this, lines);
}

/// <summary>A reply known once a <see cref="StoreTicket"/> completes: what to say if it was stored, and if not.</summary>
public abstract class StoredReply : DeferredReply, IStoreObserver
{
    /// <summary>The complete line(s) to send once it is known whether the message was stored; may be empty.</summary>
    protected abstract ReadOnlyMemory<byte> Reply(bool stored);

    void IStoreObserver.OnStoreCompleted(StoreTicket ticket, bool stored) => Complete(Reply(stored));
}

/// <summary>A reply that a task computes (a read from the store); a task that fails says nothing (it must turn its own errors into lines).</summary>
internal sealed class TaskReply : DeferredReply
{
    public void CompleteWith(Task<ReadOnlyMemory<byte>> lines) =>
        lines.ContinueWith(
            static (task, state) => ((TaskReply)state!).Complete(task.IsCompletedSuccessfully ? task.Result : ReadOnlyMemory<byte>.Empty),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
}
