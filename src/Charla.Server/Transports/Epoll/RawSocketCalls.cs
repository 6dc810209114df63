using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Charla.Server.Transports.Epoll;

/// <summary>
/// Non-blocking receive and send straight on a socket's descriptor. With these, a socket whose
/// waits are an <see cref="EpollLoop"/>'s never needs .NET's asynchronous context (about 0.2 KiB
/// per connection): <c>Socket.Blocking = false</c> and .NET's own non-blocking calls create one.
/// The descriptor is held by its <see cref="SafeHandle"/> for each call (the marshaller adds a
/// reference), so a concurrent close cannot hand the number to another socket mid-call.
/// </summary>
[SupportedOSPlatform("linux")]
internal static partial class RawSocketCalls
{
    private const int FSetFl = 4;
    private const int ONonBlock = 0x800;
    private const int MsgNoSignal = 0x4000; // a peer gone is an error to handle, not a SIGPIPE

    /// <summary>Makes a freshly accepted socket non-blocking (it has no other status flags to keep, so no F_GETFL first).</summary>
    public static void SetNonBlocking(Socket socket)
    {
        if (fcntl(socket.SafeHandle, FSetFl, ONonBlock) < 0)
        {
            throw new SocketException((int)ToSocketError(Marshal.GetLastPInvokeError()));
        }
    }

    /// <summary>As <c>Socket.Receive(Span, SocketFlags.None, out SocketError)</c> on a non-blocking socket.</summary>
    public static unsafe int Receive(Socket socket, Span<byte> buffer, out SocketError error)
    {
        fixed (byte* bytes = buffer)
        {
            nint received;
            while ((received = recv(socket.SafeHandle, bytes, buffer.Length, 0)) < 0 && Marshal.GetLastPInvokeError() == EpollInterop.EIntr)
            {
            }

            error = received < 0 ? ToSocketError(Marshal.GetLastPInvokeError()) : SocketError.Success;
            return (int)Math.Max(received, 0);
        }
    }

    /// <summary>As <c>Socket.Send(ReadOnlySpan, SocketFlags.None, out SocketError)</c> on a non-blocking socket.</summary>
    public static unsafe int Send(Socket socket, ReadOnlySpan<byte> bytes, out SocketError error)
    {
        fixed (byte* data = bytes)
        {
            nint sent;
            while ((sent = send(socket.SafeHandle, data, bytes.Length, MsgNoSignal)) < 0 && Marshal.GetLastPInvokeError() == EpollInterop.EIntr)
            {
            }

            error = sent < 0 ? ToSocketError(Marshal.GetLastPInvokeError()) : SocketError.Success;
            return (int)Math.Max(sent, 0);
        }
    }

    // errno(3) values of Linux, as .NET names them.
    private static SocketError ToSocketError(int errno) => errno switch
    {
        11 => SocketError.WouldBlock, // EAGAIN, EWOULDBLOCK
        9 => SocketError.OperationAborted, // EBADF: closed under us
        32 => SocketError.Shutdown, // EPIPE
        103 => SocketError.ConnectionAborted,
        104 => SocketError.ConnectionReset,
        107 => SocketError.NotConnected,
        110 => SocketError.TimedOut,
        113 => SocketError.HostUnreachable,
        _ => SocketError.SocketError,
    };

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fcntl(SafeHandle fd, int command, int argument);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial nint recv(SafeHandle fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial nint send(SafeHandle fd, byte* buffer, nint length, int flags);
}
