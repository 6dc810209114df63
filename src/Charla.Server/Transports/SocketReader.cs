using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Threading.Tasks.Sources;
using Charla.Server.Transports.Epoll;

namespace Charla.Server.Transports;

/// <summary>
/// What a client sends, read straight from its socket into one pooled buffer, as a
/// <see cref="PipeReader"/> (so the line loop is the same on sockets and on in-memory pipes).
/// </summary>
/// <remarks>
/// An idle connection holds no buffer and no task: a read that finds nothing waits to be told
/// that input is there (by an <see cref="EpollLoop"/> on Linux, else by .NET's zero-byte
/// receive, as Kestrel's <c>WaitForDataBeforeAllocatingBuffer</c>), then rents a buffer and takes
/// everything the kernel has without blocking (the socket is non-blocking). The pending read is
/// this object itself (<see cref="IValueTaskSource{TResult}"/>), completed on the thread that
/// was told, so a wait allocates nothing. One reader at a time, as with any PipeReader;
/// <see cref="CancelPendingRead"/> may come from any thread.
/// </remarks>
internal sealed class SocketReader : PipeReader, IValueTaskSource<ReadResult>, IEpollClient
{
    private const int ReadChunkBytes = 4096;

    // Epoll readiness (edge-triggered): told while nobody waits, the signal is kept for the next read.
    private const int Idle = 0;
    private const int Waiting = 1;
    private const int Signaled = 2;

    private readonly SafeHandle _handle;
    private readonly ZeroByteWait? _dotnet; // the .NET path's socket and wait; null on the epoll path, which calls the descriptor itself
    private readonly int _maxBufferedBytes;
    private readonly EpollLoop? _loop; // null: .NET's zero-byte receive tells
    private readonly ulong _epollToken;
    private byte[]? _buffer;
    private int _start; // first byte not consumed
    private int _examined; // first byte not examined
    private int _end; // end of the bytes received
    private bool _peerClosed;
    private bool _drained; // epoll path: the last receive emptied the kernel's queue, and no input was signaled since
    private volatile bool _inputEnded; // epoll path: an event said the peer closed its side (its end of input may still wait to be received)
    private volatile bool _cancelRequested;
    private ManualResetValueTaskSourceCore<ReadResult> _pending; // continuations run inline, on the thread that was told
    private int _readiness;

    /// <summary>Where the bytes read are counted, if anywhere.</summary>
    public ConnectionCounters? Counters { get; set; }

    /// <summary>A reader told by .NET's zero-byte receive on a non-blocking <paramref name="socket"/>.</summary>
    public SocketReader(Socket socket, int maxBufferedBytes)
    {
        _dotnet = new ZeroByteWait(socket);
        _handle = socket.SafeHandle;
        _maxBufferedBytes = maxBufferedBytes;
    }

    /// <summary>A reader told by <paramref name="loop"/> when input arrives on a non-blocking descriptor.</summary>
    [SupportedOSPlatform("linux")]
    public SocketReader(SocketDescriptor socket, int maxBufferedBytes, EpollLoop loop)
    {
        _handle = socket;
        _maxBufferedBytes = maxBufferedBytes;
        _epollToken = loop.Register(socket, this);
        _loop = loop;
    }

    /// <summary>The socket's descriptor (the .NET socket's handle on the .NET path).</summary>
    public SafeHandle Handle => _handle;

    /// <summary>True when an epoll loop tells this reader (and the socket's calls go straight to its descriptor).</summary>
    public bool IsWatched => _loop is not null;

    /// <summary>Stops the epoll loop's watch (before the socket closes).</summary>
    public void StopWatching()
    {
        if (OperatingSystem.IsLinux())
        {
            _loop?.Unregister(_epollToken);
        }
    }

    /// <remarks>Cancellation is by <see cref="CancelPendingRead"/>, as the line loop does it; the token is not watched.</remarks>
    public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            _pending.Reset();
            return ProduceOrWait(out var result) ? new(result) : new(this, _pending.Version);
        }
        catch (Exception ex) when (AsIOException(ex) is { } io)
        {
            return ValueTask.FromException<ReadResult>(io);
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

    void IEpollClient.OnReadable(bool inputEnded)
    {
        if (inputEnded)
        {
            _inputEnded = true; // before the signal below: a reader that sees the signal sees this
        }

        if (Interlocked.Exchange(ref _readiness, Signaled) == Waiting)
        {
            _drained = false; // the reader waits, so this thread may write it: there is input to receive
            Volatile.Write(ref _readiness, Idle);
            Wake();
        }
    }

    ReadResult IValueTaskSource<ReadResult>.GetResult(short token) => _pending.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<ReadResult>.GetStatus(short token) => _pending.GetStatus(token);

    void IValueTaskSource<ReadResult>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _pending.OnCompleted(continuation, state, token, flags);

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
    /// reads no more, so the receive side is shut down: that wakes a receive waiting in the kernel
    /// (.NET's), or has the epoll loop tell a waiting reader (so the line loop goes on on the
    /// loop's thread, not on the canceling one, which may hold a channel's lock).
    /// </summary>
    public override void CancelPendingRead()
    {
        _cancelRequested = true;
        try
        {
            if (_dotnet is null && OperatingSystem.IsLinux())
            {
                // A reader that is not waiting (most often the canceler itself: a QUIT, a read
                // error) sees the cancel before it would wait: Signaled makes its StartWait fail and
                // look again. Only a waiting reader needs the kernel's help (one system call per
                // closing connection less).
                if (Interlocked.CompareExchange(ref _readiness, Signaled, Idle) != Waiting)
                {
                    return;
                }

                RawSocketCalls.Shutdown(_handle, SocketShutdown.Receive);
            }
            else
            {
                _dotnet?.Socket.Shutdown(SocketShutdown.Receive);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed: nothing waits.
        }
    }

    public override void Complete(Exception? exception = null) => ReturnBuffer();

    private ReadOnlySequence<byte> Buffered() =>
        _buffer is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(_buffer, _start, _end - _start);

    /// <summary>
    /// A result if there is one now: a cancel, input put back or just received, or the end of
    /// input. Else false, with no buffer held if nothing is pending.
    /// </summary>
    private bool TryProduce(out ReadResult result)
    {
        if (TryRead(out result))
        {
            return true;
        }

        // After a receive that emptied the kernel's queue of data, another one would only say
        // EAGAIN until the loop signals new input (edge-triggered: it does, for input that arrives
        // after that receive): wait for the signal instead of asking. One receive less per read,
        // which is one in two on a connection that sends a line at a time. Not once the peer has
        // closed its side: the end of input is not received with the data before it, and its
        // event may have come with theirs.
        if (_drained && !_inputEnded && Volatile.Read(ref _readiness) != Signaled)
        {
            ReturnBufferIfEmpty();
            return false;
        }

        Volatile.Write(ref _readiness, Idle); // whatever was signaled is about to be read
        _drained = false;
        if (ReceiveAvailable() > 0 || _peerClosed)
        {
            return TryRead(out result);
        }

        ReturnBufferIfEmpty();
        return false;
    }

    private void ReturnBufferIfEmpty()
    {
        if (_start == _end)
        {
            ReturnBuffer(); // hold no buffer while waiting
        }
    }

    /// <summary>A result now (true), or a wait arranged for one (false).</summary>
    private bool ProduceOrWait(out ReadResult result)
    {
        while (!TryProduce(out result))
        {
            if (StartWait())
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Arranges one <see cref="Wake"/> when input arrives; false if it may be there already (look again).</summary>
    private bool StartWait()
    {
        if (_loop is not null)
        {
            return Interlocked.CompareExchange(ref _readiness, Waiting, Idle) == Idle;
        }

#pragma warning disable CA2012 // The ValueTask is consumed exactly once: here when already complete, else in OnZeroByteReceived.
        var dotnet = _dotnet!;
        var wait = dotnet.Socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None);
#pragma warning restore CA2012
        if (wait.IsCompleted)
        {
            wait.GetAwaiter().GetResult();
            return false;
        }

        dotnet.Pending = wait;
        wait.GetAwaiter().UnsafeOnCompleted(dotnet.OnReceived ??= OnZeroByteReceived);
        return true;
    }

    private void OnZeroByteReceived()
    {
        var wait = _dotnet!.Pending;
        _dotnet.Pending = default;
        try
        {
            wait.GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The receive that follows reports it.
        }

        Wake();
    }

    /// <summary>Input (or its end, or an error) arrived for the pending read: complete it, or wait on if there was nothing.</summary>
    private void Wake()
    {
        ReadResult result;
        try
        {
            if (!ProduceOrWait(out result))
            {
                return;
            }
        }
        catch (Exception ex) when (AsIOException(ex) is { } io)
        {
            _pending.SetException(io);
            return;
        }

        _pending.SetResult(result); // runs the line loop's continuation, here
    }

    private static IOException? AsIOException(Exception ex) => ex switch
    {
        SocketException socket => new IOException(socket.Message, socket),
        ObjectDisposedException disposed => new IOException("The connection was closed.", disposed),
        IOException io => io,
        _ => null,
    };

    /// <summary>Takes what the kernel has, without waiting; returns the bytes received.</summary>
    private int ReceiveAvailable()
    {
        var total = 0;
        while (!_peerClosed && (_buffer is null || _end < _buffer.Length || _buffer.Length < _maxBufferedBytes))
        {
            EnsureRoom();
            var received = _dotnet is null && OperatingSystem.IsLinux()
                ? RawSocketCalls.Receive(_handle, _buffer.AsSpan(_end), out var error)
                : _dotnet!.Socket.Receive(_buffer.AsSpan(_end), SocketFlags.None, out error);
            if (error == SocketError.WouldBlock)
            {
                _drained = _loop is not null;
                break;
            }

            if (error != SocketError.Success)
            {
                throw new SocketException((int)error);
            }

            _end += received;
            total += received;
            Counters?.Received(received);
            _peerClosed |= received == 0;
            if (_end < _buffer!.Length)
            {
                _drained = _loop is not null && received > 0;
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

        if (_buffer.Length >= _maxBufferedBytes)
        {
            throw new IOException($"More than {_maxBufferedBytes} bytes of input are waiting.");
        }

        var grown = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, _maxBufferedBytes));
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

    /// <summary>
    /// What only the .NET path needs (its socket, the pending zero-byte receive and its
    /// callback): apart, so that a reader on the epoll path does not carry it.
    /// </summary>
    private sealed class ZeroByteWait(Socket socket)
    {
        public Socket Socket { get; } = socket;

        public ValueTask<int> Pending { get; set; }

        public Action? OnReceived { get; set; }
    }
}
