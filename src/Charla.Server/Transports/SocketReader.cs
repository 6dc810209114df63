using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Charla.Server.Transports;

/// <summary>
/// What a client sends, read straight from its socket into one pooled buffer, as a
/// <see cref="PipeReader"/> (so the line loop is the same on sockets and on in-memory pipes).
/// </summary>
/// <remarks>
/// An idle connection holds no buffer: it waits with a zero-byte receive (as Kestrel's
/// <c>WaitForDataBeforeAllocatingBuffer</c>), then rents a buffer and takes everything the
/// kernel has without blocking (the socket is non-blocking). One reader at a time, as with any
/// PipeReader; <see cref="CancelPendingRead"/> may come from any thread.
/// </remarks>
internal sealed class SocketReader(Socket socket, int maxBufferedBytes) : PipeReader
{
    private const int ReadChunkBytes = 4096;

    private byte[]? _buffer;
    private int _start; // first byte not consumed
    private int _examined; // first byte not examined
    private int _end; // end of the bytes received
    private bool _peerClosed;
    private volatile bool _cancelRequested;

    // Pooled: a connection's many waits reuse state machines instead of allocating one each.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            while (true)
            {
                if (_cancelRequested)
                {
                    _cancelRequested = false;
                    return new ReadResult(Buffered(), isCanceled: true, _peerClosed);
                }

                if (_examined < _end)
                {
                    // Bytes put back unexamined (a delayed line): return them with whatever came meanwhile.
                    ReceiveAvailable();
                    return new ReadResult(Buffered(), isCanceled: false, _peerClosed);
                }

                if (_peerClosed)
                {
                    return new ReadResult(Buffered(), isCanceled: false, isCompleted: true);
                }

                if (_start == _end)
                {
                    // Nothing pending: hold no buffer while waiting.
                    ReturnBuffer();
                    await socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, cancellationToken);
                    if (!_cancelRequested && ReceiveAvailable() == 0 && !_peerClosed)
                    {
                        continue; // woken without data
                    }
                }
                else
                {
                    // Part of a line waits for its end.
                    EnsureRoom();
                    var received = await socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
                    _end += received;
                    _peerClosed |= received == 0;
                }
            }
        }
        catch (SocketException ex)
        {
            throw new IOException(ex.Message, ex);
        }
        catch (ObjectDisposedException ex)
        {
            throw new IOException("The connection was closed.", ex);
        }
    }

    public override bool TryRead(out ReadResult result)
    {
        if (_cancelRequested || _examined < _end || _peerClosed)
        {
            var canceled = _cancelRequested;
            _cancelRequested = false;
            result = new ReadResult(Buffered(), canceled, _peerClosed);
            return true;
        }

        result = default;
        return false;
    }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        if (_buffer is null)
        {
            return;
        }

        _start = consumed.GetInteger();
        _examined = Math.Max(_start, examined.GetInteger());
        if (_start == _end)
        {
            _start = _examined = _end = 0;
        }
    }

    /// <summary>
    /// Wakes a pending read, which returns canceled. Only a closing connection cancels, and it
    /// reads no more, so the receive side is shut down: that wakes a receive waiting in the kernel.
    /// </summary>
    public override void CancelPendingRead()
    {
        _cancelRequested = true;
        try
        {
            socket.Shutdown(SocketShutdown.Receive);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed: nothing waits.
        }
    }

    public override void Complete(Exception? exception = null) => ReturnBuffer();

    private ReadOnlySequence<byte> Buffered() =>
        _buffer is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(_buffer, _start, _end - _start);

    /// <summary>Takes what the kernel has, without waiting; returns the bytes received.</summary>
    private int ReceiveAvailable()
    {
        var total = 0;
        while (!_peerClosed && (_buffer is null || _end < _buffer.Length || _buffer.Length < maxBufferedBytes))
        {
            EnsureRoom();
            var received = socket.Receive(_buffer.AsSpan(_end), SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock)
            {
                break;
            }

            if (error != SocketError.Success)
            {
                throw new SocketException((int)error);
            }

            _end += received;
            total += received;
            _peerClosed |= received == 0;
            if (_end < _buffer!.Length)
            {
                break; // the kernel had less than the room left: it is empty now
            }
        }

        return total;
    }

    /// <summary>Makes room after <see cref="_end"/>: rents, compacts, or grows up to the bound.</summary>
    private void EnsureRoom()
    {
        if (_buffer is null)
        {
            _buffer = ArrayPool<byte>.Shared.Rent(ReadChunkBytes);
            _start = _examined = _end = 0;
            return;
        }

        if (_end < _buffer.Length)
        {
            return;
        }

        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _examined -= _start;
            _end -= _start;
            _start = 0;
            return;
        }

        if (_buffer.Length >= maxBufferedBytes)
        {
            throw new IOException($"More than {maxBufferedBytes} bytes of input are waiting.");
        }

        var grown = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, maxBufferedBytes));
        _buffer.AsSpan(0, _end).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = grown;
    }

    private void ReturnBuffer()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
            _start = _examined = _end = 0;
        }
    }
}
