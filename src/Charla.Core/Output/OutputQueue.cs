using System.Threading.Channels;

namespace Charla.Core.Output;

/// <summary>
/// One client's bounded output queue (its "SendQ"). Many producers enqueue ready-made wire
/// bytes; exactly one writer loop drains them to the transport.
/// </summary>
/// <remarks>
/// Contract for producers (routing, replies), after ergo's <c>Socket.Write</c>:
/// <list type="bullet">
/// <item>MUST NOT block and MUST NOT await the peer: <see cref="TryEnqueue"/> returns at once.</item>
/// <item>MUST NOT reorder: lines leave in the order they were enqueued.</item>
/// <item>MUST NOT grow past the bound: over <see cref="LimitBytes"/> the line is refused and the
///   caller drops the client, so a slow reader never slows the others or eats memory.</item>
/// </list>
/// The queued buffers are shared between recipients (serialize once, queue many), so nobody
/// may write into a buffer after it is enqueued.
/// </remarks>
public sealed class OutputQueue
{
    private readonly Channel<ReadOnlyMemory<byte>> _lines = Channel.CreateUnbounded<ReadOnlyMemory<byte>>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false, AllowSynchronousContinuations = false });

    private long _queuedBytes;

    public OutputQueue(int limitBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limitBytes);
        LimitBytes = limitBytes;
    }

    /// <summary>The bound on bytes waiting in this queue.</summary>
    public int LimitBytes { get; }

    /// <summary>Bytes enqueued and not yet taken by the writer loop.</summary>
    public long QueuedBytes => Interlocked.Read(ref _queuedBytes);

    /// <summary>Queues one or more complete lines; false when over the bound or completed.</summary>
    public bool TryEnqueue(ReadOnlyMemory<byte> lines)
    {
        if (Interlocked.Add(ref _queuedBytes, lines.Length) > LimitBytes)
        {
            Interlocked.Add(ref _queuedBytes, -lines.Length);
            return false;
        }

        if (_lines.Writer.TryWrite(lines))
        {
            return true;
        }

        Interlocked.Add(ref _queuedBytes, -lines.Length);
        return false;
    }

    /// <summary>No more lines will be accepted; the writer drains what is queued, then stops.</summary>
    public void Complete() => _lines.Writer.TryComplete();

    /// <summary>Waits until a line is queued (true) or the queue is completed and empty (false).</summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) =>
        _lines.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>Takes the next queued line. Only the writer loop calls this.</summary>
    public bool TryDequeue(out ReadOnlyMemory<byte> lines)
    {
        if (!_lines.Reader.TryRead(out lines))
        {
            return false;
        }

        Interlocked.Add(ref _queuedBytes, -lines.Length);
        return true;
    }
}
