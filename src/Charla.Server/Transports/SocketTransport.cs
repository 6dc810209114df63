using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
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
internal sealed class SocketTransport : ILineTransport, IOutputWriter
{
    private const int GatherBytes = 16 * 1024;

    [ThreadStatic]
    private static byte[]? t_gather;

    private readonly Socket _socket;
    private readonly SocketReader _input;
    private volatile bool _outputAborted;
    private CancellationTokenSource? _slowSend;

    /// <param name="socket">A connected socket (this makes it non-blocking).</param>
    /// <param name="maxBufferedInput">The most unhandled input held for the client, in bytes.</param>
    /// <param name="loops">On Linux, the epoll loops that tell when input arrives; null to wait with .NET's zero-byte receive.</param>
    public SocketTransport(Socket socket, int maxBufferedInput, EpollLoops? loops)
    {
        _socket = socket;
        _input = new SocketReader(socket, maxBufferedInput);

        // Non-blocking: output is written by whichever thread drains the client's queue, and must never wait on the peer.
        if (loops is not null && OperatingSystem.IsLinux())
        {
            RawSocketCalls.SetNonBlocking(socket);
            _input.WatchWith(loops.Next());
        }
        else
        {
            socket.Blocking = false;
        }
    }

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
                sent = _input.IsWatched && OperatingSystem.IsLinux()
                    ? RawSocketCalls.Send(_socket, chunk, out error)
                    : _socket.Send(chunk, SocketFlags.None, out error);
            }
            catch (ObjectDisposedException)
            {
                return new(false);
            }

            if (error is not (SocketError.Success or SocketError.WouldBlock))
            {
                return new(false);
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
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // The peer is already gone.
        }

        _socket.Dispose();
        Volatile.Read(ref _slowSend)?.Dispose();
        return ValueTask.CompletedTask;
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
                at += await _socket.SendAsync(rest.Bytes.AsMemory(at, rest.Length - at), SocketFlags.None, cancel.Token);
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
