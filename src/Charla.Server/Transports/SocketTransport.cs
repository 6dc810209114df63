using System.Net;
using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Charla.Core.Output;
using Charla.Protocols.Connections;
using Charla.Server.Transports.Epoll;

namespace Charla.Server.Transports;

/// <summary>
/// A client's socket as a line transport. Output is written by whoever drains the client's
/// queue, straight to the non-blocking socket: lines for one client go out in one send, with no
/// thread hop and no copy for a single line. Only when the kernel's send buffer is full does the
/// rest wait, in a copy, for an asynchronous send.
/// </summary>
/// <remarks>
/// Two ways to hold the socket: a .NET <see cref="Socket"/> (input told by .NET's zero-byte
/// receive), or on Linux a bare descriptor that an <see cref="EpollLoop"/> watches, with no
/// <see cref="Socket"/> unless a send must wait (then one is made around the descriptor, for
/// .NET's asynchronous send).
/// </remarks>
internal sealed class SocketTransport : ILineTransport, IOutputWriter, IDisposable
{
    private const int GatherBytes = 16 * 1024;

    [ThreadStatic]
    private static byte[]? t_gather;

    private readonly SocketReader _input;
    private Socket? _socket; // the .NET path's socket; on the epoll path, made for the first send that must wait; null once disposed
    private volatile bool _outputAborted;
    private CancellationTokenSource? _slowSend;

    /// <summary>The client's address and port (null when its family is neither IPv4 nor IPv6).</summary>
    public IPEndPoint? Remote { get; init; }

    private readonly ConnectionCounters? _counters;

    /// <summary>Where the bytes this connection reads and writes are counted, if anywhere.</summary>
    public ConnectionCounters? Counters
    {
        get => _counters;
        init => _input.Counters = _counters = value;
    }

    /// <param name="socket">A connected socket (this makes it non-blocking).</param>
    /// <param name="maxBufferedInput">The most unhandled input held for the client, in bytes.</param>
    public SocketTransport(Socket socket, int maxBufferedInput)
    {
        // Non-blocking: output is written by whichever thread drains the client's queue, and must never wait on the peer.
        socket.Blocking = false;
        _socket = socket;
        _input = new SocketReader(socket, maxBufferedInput);
    }

    /// <param name="socket">A connected, non-blocking descriptor (as <see cref="RawSocketCalls.Accept"/> gives it).</param>
    /// <param name="maxBufferedInput">The most unhandled input held for the client, in bytes.</param>
    /// <param name="loop">The epoll loop that tells when input arrives.</param>
    [SupportedOSPlatform("linux")]
    public SocketTransport(SocketDescriptor socket, int maxBufferedInput, EpollLoop loop)
    {
        _input = new SocketReader(socket, maxBufferedInput, loop);
    }

    // The descriptor's handle, which the reader keeps (one field less per connection).
    private SafeHandle Handle => _input.Handle;

    public PipeReader Input => _input;

    public IOutputWriter Output => this;

    public ValueTask<bool> WriteAsync(ReadOnlySpan<ReadOnlyMemory<byte>> lines)
    {
        if (_outputAborted)
        {
            return new(false);
        }

        var gather = t_gather ??= new byte[GatherBytes];
        var next = 0;
        while (next < lines.Length)
        {
            // One line, or one too big to gather: send it from where it is. Else gather a run.
            ReadOnlySpan<byte> chunk;
            var first = lines[next].Span;
            if (next == lines.Length - 1 || first.Length + lines[next + 1].Length > GatherBytes)
            {
                chunk = first;
                next++;
            }
            else
            {
                var length = 0;
                while (next < lines.Length && length + lines[next].Length <= GatherBytes)
                {
                    lines[next++].Span.CopyTo(gather.AsSpan(length));
                    length += lines[next - 1].Length;
                }

                chunk = gather.AsSpan(0, length);
            }

            int sent;
            SocketError error;
            try
            {
                // The epoll path sends on the descriptor: no .NET asynchronous context unless a send must wait.
                if (_input.IsWatched && OperatingSystem.IsLinux())
                {
                    sent = RawSocketCalls.Send(Handle, chunk, out error);
                }
                else if (Volatile.Read(ref _socket) is { } socket)
                {
                    sent = socket.Send(chunk, SocketFlags.None, out error);
                }
                else
                {
                    return new(false); // closed
                }
            }
            catch (ObjectDisposedException)
            {
                return new(false);
            }

            if (error is not (SocketError.Success or SocketError.WouldBlock))
            {
                return new(false);
            }

            if (sent > 0)
            {
                _counters?.Sent(sent);
            }

            if (sent < chunk.Length)
            {
                return SendLaterAsync(Remainder(chunk[Math.Max(sent, 0)..], lines[next..]));
            }
        }

        return new(true);
    }

    public void AbortOutput()
    {
        _outputAborted = true;
        Volatile.Read(ref _slowSend)?.Cancel();
    }

    public ValueTask CloseAsync()
    {
        _input.StopWatching();
        _input.Complete();
        if (_input.IsWatched && OperatingSystem.IsLinux())
        {
            // Closing the descriptor ends the connection (a FIN, or a reset if input is left unread).
            // A slow-send socket holds the descriptor open until its send ends: shut it down now.
            if (Volatile.Read(ref _socket) is not null)
            {
                RawSocketCalls.Shutdown(Handle, SocketShutdown.Both);
            }
        }
        else
        {
            try
            {
                Volatile.Read(ref _socket)?.Shutdown(SocketShutdown.Both);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // The peer is already gone.
            }
        }

        Dispose();
        Volatile.Read(ref _slowSend)?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Closes the socket (again, harmlessly, after <see cref="CloseAsync"/>).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _socket, null) is { } socket)
        {
            socket.Dispose();
            if (_input.IsWatched)
            {
                Handle.DangerousRelease(); // the hold the slow-send socket had on the descriptor
            }
        }

        Handle.Dispose();
    }

    /// <summary>
    /// The socket to wait on for room: on the epoll path, made around the descriptor the first
    /// time (one writer at a time, so never twice). It does not own the descriptor, but holds it
    /// (a reference on the handle) until disposed, so the number cannot be closed and reused
    /// under a send in flight.
    /// </summary>
    private Socket SlowSocket()
    {
        if (Volatile.Read(ref _socket) is { } socket)
        {
            return socket;
        }

        var held = false;
        Handle.DangerousAddRef(ref held); // throws once the transport is disposed
        socket = new Socket(new SafeSocketHandle(Handle.DangerousGetHandle(), ownsHandle: false));
        Volatile.Write(ref _socket, socket);
        if (Handle.IsClosed && Interlocked.Exchange(ref _socket, null) == socket)
        {
            // Disposed while it was made, and Dispose did not see it: let go here.
            socket.Dispose();
            Handle.DangerousRelease();
            throw new ObjectDisposedException(nameof(SocketTransport));
        }

        return socket;
    }

    /// <summary>Copies what the kernel did not take, so the caller's buffers are free.</summary>
    private static (byte[] Bytes, int Length) Remainder(ReadOnlySpan<byte> unsent, ReadOnlySpan<ReadOnlyMemory<byte>> after)
    {
        var length = unsent.Length;
        foreach (var line in after)
        {
            length += line.Length;
        }

        var bytes = ArrayPool<byte>.Shared.Rent(length);
        unsent.CopyTo(bytes);
        var at = unsent.Length;
        foreach (var line in after)
        {
            line.Span.CopyTo(bytes.AsSpan(at));
            at += line.Length;
        }

        return (bytes, length);
    }

    /// <summary>The peer reads slowly: wait for room, as long as it takes or until output is aborted.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> SendLaterAsync((byte[] Bytes, int Length) rest)
    {
        var cancel = Volatile.Read(ref _slowSend);
        if (cancel is null)
        {
            cancel = new CancellationTokenSource();
            Volatile.Write(ref _slowSend, cancel);
        }

        if (_outputAborted)
        {
            cancel.Cancel();
        }

        try
        {
            var at = 0;
            while (at < rest.Length)
            {
                var sent = await SlowSocket().SendAsync(rest.Bytes.AsMemory(at, rest.Length - at), SocketFlags.None, cancel.Token);
                _counters?.Sent(sent);
                at += sent;
            }

            return true;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rest.Bytes);
        }
    }
}
