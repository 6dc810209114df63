using System.Buffers;
using System.Runtime.InteropServices;

namespace Charla.Core.Output;

/// <summary>
/// One client's bounded output queue (its "SendQ"). Many producers enqueue ready-made wire
/// bytes; one drainer at a time hands them to the client's <see cref="IOutputWriter"/>.
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
/// <para>
/// There is no writer task per connection: the enqueue that finds the queue idle schedules one
/// drain (<see cref="OutputBatch"/>, <see cref="WriteLanes"/>), which takes everything queued, writes it in one call, and repeats until the queue is
/// empty. An idle connection so costs no task, no buffer and no array.
/// </para>
/// </remarks>
public sealed class OutputQueue
{
    private const int ScratchCapacity = 64;
    private const int MinRingLines = 16; // the pool's smallest array
    private const int SmallChunkBytes = 256;
    private const int LargeChunkBytes = 2048;
    private static readonly ArrayPool<ReadOnlyMemory<byte>> RingPool = ArrayPool<ReadOnlyMemory<byte>>.Shared;

    // The queue is its own lock: a monitor on this object is a thin lock in its header, where a
    // Lock object would be 40 bytes more per connection. Nothing outside locks on a queue.
    private object Gate => this;

    [ThreadStatic]
    private static ReadOnlyMemory<byte>[]? t_scratch;

    private ReadOnlyMemory<byte>[]? _lines;
    private int _head;
    private int _count;
    private long _queuedBytes;
    private bool _draining; // a drain is scheduled or running
    private bool _completed; // no more lines accepted
    private bool _writerGone; // the transport is gone: nothing more is written
    private bool _usedSinceTrim; // lines came since the last Trim: the client is not idle yet
    private IOutputWriter? _writer;
    private readonly IOutputOwner? _owner;
    private TaskCompletionSource? _drained;

    // Replies meant for this client alone are copied into a chunk of the queue's own (as C ircds
    // copy into their sendq blocks) instead of each getting an array and a slot: the chunk is the
    // newest slot while it has room, and is sealed when a drain takes it.
    private byte[]? _chunk;
    private int _chunkUsed;
    private byte[]?[]? _chunks; // the chunks in the ring, oldest first: back to the pool once written
    private int _chunkCount;

    [ThreadStatic]
    private static byte[]?[]? t_writtenChunks;

    // Replies waiting for a store (DeferredReply), oldest first: each holds a place in the ring,
    // and a drain takes only the lines before the oldest unresolved one.
    private DeferredReply[]? _deferred;
    private int _deferredCount;
    private long _pushed; // lines ever pushed: a deferred reply's place
    private long _taken; // lines ever taken by a drain

    /// <param name="limitBytes">The SendQ bound.</param>
    /// <param name="owner">Told once if the writer reports its transport gone (it closes the client).</param>
    public OutputQueue(int limitBytes, IOutputOwner? owner = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limitBytes);
        LimitBytes = limitBytes;
        _owner = owner;
    }

    /// <summary>The bound on bytes waiting in this queue (queued, or handed to a writer that has not taken them yet).</summary>
    public int LimitBytes { get; }

    /// <summary>Bytes enqueued and not yet taken by the transport.</summary>
    public long QueuedBytes
    {
        get
        {
            lock (Gate)
            {
                return _queuedBytes;
            }
        }
    }

    /// <summary>Connects the queue to its transport; lines queued before are drained now.</summary>
    public void Attach(IOutputWriter writer)
    {
        bool schedule;
        lock (Gate)
        {
            _writer = writer;
            schedule = Releasable > 0 && !_draining;
            _draining |= schedule;
        }

        if (schedule)
        {
            OutputBatch.Schedule(this);
        }
    }

    /// <summary>Queues one or more complete lines; false when over the bound or completed.</summary>
    public bool TryEnqueue(ReadOnlyMemory<byte> lines) => TryAdd(lines, default, copy: false);

    /// <summary>
    /// Queues a copy of one or more complete lines (a reply for this client alone); false when
    /// over the bound or completed. The caller's buffer is free when this returns.
    /// </summary>
    public bool TryEnqueueCopy(ReadOnlySpan<byte> lines) => TryAdd(default, lines, copy: true);

    /// <summary>
    /// Takes the next place in the queue for <paramref name="reply"/>, whose bytes come later
    /// (<see cref="Resolve"/>); lines queued after it wait until then. False when completed.
    /// </summary>
    public bool TryEnqueueDeferred(DeferredReply reply)
    {
        lock (Gate)
        {
            if (_completed || _writerGone)
            {
                return false;
            }

            SealChunk(); // later replies must not join a chunk before this place
            Push(default);
            reply.Queue = this;
            reply.Sequence = _pushed - 1;
            if (_deferred is null || _deferredCount == _deferred.Length)
            {
                Array.Resize(ref _deferred, Math.Max(4, _deferredCount * 2));
            }

            _deferred[_deferredCount++] = reply;
            return true;
        }
    }

    /// <summary>Puts <paramref name="lines"/> in <paramref name="reply"/>'s place, and lets the lines behind it go.</summary>
    internal void Resolve(DeferredReply reply, ReadOnlyMemory<byte> lines)
    {
        bool schedule;
        lock (Gate)
        {
            if (reply.IsResolved)
            {
                return;
            }

            reply.IsResolved = true;
            if (!_writerGone)
            {
                // Its bytes count against the bound from now; a reply is small, and never refused.
                _lines![(int)((_head + (reply.Sequence - _taken)) % _lines.Length)] = lines;
                _queuedBytes += lines.Length;
            }

            var resolved = 0;
            while (resolved < _deferredCount && _deferred![resolved].IsResolved)
            {
                resolved++;
            }

            if (resolved > 0)
            {
                Array.Copy(_deferred!, resolved, _deferred!, 0, _deferredCount - resolved);
                Array.Clear(_deferred!, _deferredCount - resolved, resolved);
                _deferredCount -= resolved;
            }

            schedule = !_draining && _writer is not null && Releasable > 0;
            _draining |= schedule;
        }

        if (schedule)
        {
            OutputBatch.Schedule(this);
        }
    }

    /// <summary>Lines at the front that may be written: all of them, or those before the oldest deferred reply still waiting.</summary>
    private int Releasable => _deferredCount == 0 ? _count : (int)(_deferred![0].Sequence - _taken);

    /// <summary>No more lines will be accepted; what is queued is still written.</summary>
    public void Complete()
    {
        lock (Gate)
        {
            _completed = true;
        }
    }

    /// <summary>Completes when nothing is queued or being written (or the transport is gone).</summary>
    public Task WhenDrainedAsync()
    {
        lock (Gate)
        {
            if (!_draining && (_count == 0 || _writer is null || _writerGone))
            {
                return Task.CompletedTask;
            }

            // Completed by the drainer once out of the lock, and the waiter (a leaving connection's
            // last steps: close the socket, count it out) continues on that thread: no hop to the
            // thread pool, whose workers would wake and spin for it (1 session in 6 in churn).
            _drained ??= new TaskCompletionSource();
            return _drained.Task;
        }
    }

    /// <summary>
    /// Gives up what is still queued, replies not yet known included (a store that never
    /// answered must not keep a leaving connection open): nothing more is written, and
    /// <see cref="WhenDrainedAsync"/> completes once a drain under way has stopped.
    /// </summary>
    public void Abandon()
    {
        TaskCompletionSource? drained = null;
        lock (Gate)
        {
            _writerGone = true;
            _completed = true;
            if (!_draining)
            {
                (drained, _drained) = (_drained, null);
            }
        }

        drained?.TrySetResult();
    }

    /// <summary>Takes the oldest queued line, for a queue with no writer attached (tests, benchmarks).</summary>
    public bool TryDequeue(out ReadOnlyMemory<byte> lines)
    {
        lock (Gate)
        {
            if (_writer is not null || Releasable == 0)
            {
                lines = default;
                return false;
            }

            lines = _lines![_head];
            _lines[_head] = default;
            _head = (_head + 1) % _lines.Length;
            _count--;
            _taken++;
            _chunk = _count == 0 ? null : _chunk; // the chunk was the newest slot: once taken it is sealed
            if (_chunkCount > 0 && MemoryMarshal.TryGetArray(lines, out var taken) && taken.Array == _chunks![0])
            {
                // The caller keeps it: it is not the pool's any more.
                Array.Copy(_chunks, 1, _chunks, 0, --_chunkCount);
                _chunks[_chunkCount] = null;
            }

            _queuedBytes -= lines.Length;
            return true;
        }
    }

    /// <summary>
    /// Lets go of the queue's arrays once it has been empty from one call to the next (an idle
    /// client keeps none; a busy one keeps its grown ring between bursts). Called now and then.
    /// </summary>
    public void Trim()
    {
        lock (Gate)
        {
            if (_usedSinceTrim)
            {
                _usedSinceTrim = false;
                return;
            }

            if (_count == 0 && !_draining)
            {
                ReturnRing(_lines);
                _lines = null;
                _chunks = null;
                _chunk = null;
                _head = 0;
            }
        }
    }

    /// <summary>How many lines the queue's ring holds before it grows; 0 when it holds none.</summary>
    internal int RingCapacity
    {
        get
        {
            lock (Gate)
            {
                return _lines?.Length ?? 0;
            }
        }
    }

    /// <summary>The writer lane this queue is drained in (<see cref="WriteLanes"/>).</summary>
    internal int Lane { get; } = WriteLanes.Assign();

    /// <summary>Writes everything queued, repeatedly, until the queue is empty. One drainer at a time.</summary>
    internal void Drain() => _ = DrainAsync();

    private async Task DrainAsync()
    {
        var writer = _writer!;
        TaskCompletionSource? drained;
        while (true)
        {
            int count;
            int chunkCount;
            long bytes = 0;
            var scratch = t_scratch ??= new ReadOnlyMemory<byte>[ScratchCapacity];
            var chunks = t_writtenChunks ??= new byte[ScratchCapacity][];
            lock (Gate)
            {
                var releasable = Releasable;
                if (releasable == 0 || _writerGone)
                {
                    _draining = false;

                    // Lines held behind a deferred reply: the drain that lets them go completes the wait.
                    drained = null;
                    if (_count == 0 || _writerGone)
                    {
                        (drained, _drained) = (_drained, null);
                    }

                    if (drained is null)
                    {
                        return;
                    }

                    break;
                }

                if (scratch.Length < releasable)
                {
                    scratch = t_scratch = new ReadOnlyMemory<byte>[_lines!.Length];
                }

                count = 0;
                for (var i = 0; i < releasable; i++)
                {
                    ref var slot = ref _lines![(_head + i) % _lines.Length];
                    if (!slot.IsEmpty) // a deferred reply that turned out to say nothing
                    {
                        scratch[count++] = slot;
                        bytes += slot.Length;
                    }

                    slot = default;
                }

                if (releasable == _count)
                {
                    _head = 0;
                    _chunk = null; // taken: later replies go to a new chunk
                    chunkCount = _chunkCount;
                }
                else
                {
                    // Taken up to a deferred reply: the chunks among those lines only (the open
                    // chunk, if any, is behind the reply: it stays open).
                    chunkCount = ChunksAmong(scratch.AsSpan(0, count));
                    _head = (_head + releasable) % _lines!.Length;
                }

                _count -= releasable;
                _taken += releasable;
                if (chunks.Length < chunkCount)
                {
                    chunks = t_writtenChunks = new byte[_chunks!.Length][];
                }

                Array.Copy(_chunks ?? [], chunks, chunkCount);
                Array.Copy(_chunks ?? [], chunkCount, _chunks ?? [], 0, _chunkCount - chunkCount);
                Array.Clear(_chunks ?? [], _chunkCount - chunkCount, chunkCount);
                _chunkCount -= chunkCount;
            }

            bool written;
            try
            {
                // The writer copies what it cannot send at once: the scratch array is free after the call.
                var write = count > 0 ? writer.WriteAsync(scratch.AsSpan(0, count)) : ValueTask.FromResult(true);
                Array.Clear(scratch, 0, count);
                ReturnChunks(chunks, chunkCount);
                written = write.IsCompletedSuccessfully ? write.Result : await write;
            }
            catch (Exception)
            {
                // A writer reports its own failures by closing the session; this is a last stop.
                written = false;
            }

            bool gone;
            lock (Gate)
            {
                _queuedBytes -= bytes;
                gone = !written && !_writerGone;
                _writerGone |= !written;
            }

            if (gone)
            {
                _owner?.OnWriterGone();
            }
        }

        drained.TrySetResult(); // out of the lock: the waiter continues here
    }

    /// <summary>The bound and the scheduling of both ways in: <paramref name="shared"/> queued as is, or <paramref name="copied"/> copied.</summary>
    private bool TryAdd(ReadOnlyMemory<byte> shared, ReadOnlySpan<byte> copied, bool copy)
    {
        var length = copy ? copied.Length : shared.Length;
        bool schedule;
        lock (Gate)
        {
            if (_completed || _writerGone || _queuedBytes + length > LimitBytes)
            {
                return false;
            }

            if (copy)
            {
                AppendToChunk(copied);
            }
            else
            {
                SealChunk();
                Push(shared);
            }

            _queuedBytes += length;
            schedule = !_draining && _writer is not null && Releasable > 0;
            _draining |= schedule;
        }

        if (schedule)
        {
            OutputBatch.Schedule(this);
        }

        return true;
    }

    private void AppendToChunk(ReadOnlySpan<byte> lines)
    {
        if (_chunk is not null && _chunk.Length - _chunkUsed >= lines.Length)
        {
            // The open chunk is the newest slot: the lines join it.
            ref var newest = ref _lines![(_head + _count - 1) % _lines.Length];
            lines.CopyTo(_chunk.AsSpan(_chunkUsed));
            _chunkUsed += lines.Length;
            newest = _chunk.AsMemory(0, _chunkUsed);
            return;
        }

        // A first small chunk for the odd reply (a PONG); a burst (the welcome) fills bigger ones.
        _chunk = ArrayPool<byte>.Shared.Rent(Math.Max(lines.Length, _chunk is null ? SmallChunkBytes : LargeChunkBytes));
        if (_chunks is null || _chunkCount == _chunks.Length)
        {
            Array.Resize(ref _chunks, Math.Max(2, _chunkCount * 2));
        }

        _chunks[_chunkCount++] = _chunk;
        lines.CopyTo(_chunk);
        _chunkUsed = lines.Length;
        Push(_chunk.AsMemory(0, _chunkUsed));
    }

    private void Push(ReadOnlyMemory<byte> lines)
    {
        _usedSinceTrim = true;
        if (_lines is null)
        {
            _lines = RingPool.Rent(MinRingLines);
            _head = 0;
        }
        else if (_count == _lines.Length)
        {
            var grown = RingPool.Rent(_lines.Length * 2);
            for (var i = 0; i < _count; i++)
            {
                grown[i] = _lines[(_head + i) % _lines.Length];
            }

            ReturnRing(_lines);
            _lines = grown;
            _head = 0;
        }

        _lines[(_head + _count) % _lines.Length] = lines;
        _count++;
        _pushed++;
    }

    // Rings come from a pool: under fan-out a reader's backlog grows its ring to thousands of
    // lines, the sweep trims it when it empties, and the next burst grows it again. New arrays
    // each time were most of what fan-out allocated (bench/RESULTS.md).
    private static void ReturnRing(ReadOnlyMemory<byte>[]? ring)
    {
        if (ring is not null)
        {
            RingPool.Return(ring, clearArray: true); // no stale references to sent lines
        }
    }

    // The writer has copied what it kept (IOutputWriter's contract): the chunks are free again.
    private static void ReturnChunks(byte[]?[] chunks, int count)
    {
        for (var i = 0; i < count; i++)
        {
            ArrayPool<byte>.Shared.Return(chunks[i]!);
            chunks[i] = null;
        }
    }

    /// <summary>A shared line was queued after the chunk: the chunk is no longer the newest slot.</summary>
    private void SealChunk() => _chunk = null;

    /// <summary>How many of the oldest chunks are among <paramref name="taken"/> (lines in ring order).</summary>
    private int ChunksAmong(ReadOnlySpan<ReadOnlyMemory<byte>> taken)
    {
        var found = 0;
        foreach (var lines in taken)
        {
            if (found < _chunkCount && MemoryMarshal.TryGetArray(lines, out var segment) && segment.Array == _chunks![found])
            {
                found++;
            }
        }

        return found;
    }
}
