namespace Charla.Storage;

/// <summary>
/// Something handed to a store that is known, later, to be on disk or not: the promise behind
/// an acknowledgement. The store completes it once; one observer (the sender's output, which
/// holds the acknowledgement back until then) is told, on the store's thread, or at once if
/// the ticket completed before it subscribed.
/// </summary>
public abstract class StoreTicket
{
    private static readonly IStoreObserver Completed = new CompletedMarker();

    private IStoreObserver? _observer;
    private bool _stored;

    /// <summary>Whether it completed, and was stored.</summary>
    public bool IsStored => ReferenceEquals(Volatile.Read(ref _observer), Completed) && _stored;

    /// <summary>Whether the store has said (stored or failed).</summary>
    public bool IsCompleted => ReferenceEquals(Volatile.Read(ref _observer), Completed);

    /// <summary>Tells <paramref name="observer"/> when the ticket completes (now, if it has). One observer per ticket.</summary>
    public void Subscribe(IStoreObserver observer)
    {
        var previous = Interlocked.CompareExchange(ref _observer, observer, null);
        if (ReferenceEquals(previous, Completed))
        {
            observer.OnStoreCompleted(this, _stored);
        }
        else if (previous is not null)
        {
            throw new InvalidOperationException("A store ticket has one observer.");
        }
    }

    /// <summary>A task for the outcome (tests, tools): true when stored.</summary>
    public Task<bool> WhenCompletedAsync()
    {
        var observer = new TaskObserver();
        Subscribe(observer);
        return observer.Task;
    }

    /// <summary>Called once by the store: <paramref name="stored"/> is true when the data is on disk.</summary>
    public void Complete(bool stored)
    {
        _stored = stored; // published by the exchange's full fence
        var observer = Interlocked.Exchange(ref _observer, Completed);
        if (observer is not null && !ReferenceEquals(observer, Completed))
        {
            observer.OnStoreCompleted(this, stored);
        }
    }

    private sealed class CompletedMarker : IStoreObserver
    {
        public void OnStoreCompleted(StoreTicket ticket, bool stored)
        {
        }
    }

    private sealed class TaskObserver : TaskCompletionSource<bool>, IStoreObserver
    {
        public TaskObserver()
            : base(TaskCreationOptions.RunContinuationsAsynchronously)
        {
        }

        public void OnStoreCompleted(StoreTicket ticket, bool stored) => TrySetResult(stored);
    }
}

/// <summary>Told when a <see cref="StoreTicket"/> completes.</summary>
public interface IStoreObserver
{
    /// <summary>Runs on the store's writer thread: must not block.</summary>
    void OnStoreCompleted(StoreTicket ticket, bool stored);
}
