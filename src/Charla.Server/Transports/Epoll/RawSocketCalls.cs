using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Charla.Server.Transports.Epoll;

/// <summary>
/// Accept, receive, send and shutdown straight on a socket's descriptor. With these, a client
/// socket whose waits are an <see cref="EpollLoop"/>'s needs no .NET <c>Socket</c> at all (about
/// 0.25 KiB per connection with its endpoint objects, and 0.2 KiB more of asynchronous context
/// once non-blocking calls are made through it).
/// The descriptor is held by its <see cref="SafeHandle"/> for each call (the marshaller adds a
/// reference), so a concurrent close cannot hand the number to another socket mid-call.
/// </summary>
[SupportedOSPlatform("linux")]
internal static partial class RawSocketCalls
{
    private const int SockNonBlock = 0x800; // O_NONBLOCK
    private const int SockCloExec = 0x80000; // O_CLOEXEC
    private const int MsgNoSignal = 0x4000; // a peer gone is an error to handle, not a SIGPIPE
    private const int AfInet = 2;
    private const int AfInet6 = 10;
    private const int SockAddrStorageBytes = 128;

    /// <summary>
    /// Accepts one waiting connection on a non-blocking listening socket: its descriptor,
    /// non-blocking and close-on-exec from the start, and the peer's address as users see it
    /// (IPv4 as IPv4 even on a dual-stack socket) and port, null if of another family. Null with
    /// the error when accept failed (<see cref="SocketError.WouldBlock"/>: none is waiting).
    /// </summary>
    public static unsafe SocketDescriptor? Accept(SafeHandle listener, out IPEndPoint? remote, out SocketError error)
    {
        var address = stackalloc byte[SockAddrStorageBytes];
        var length = SockAddrStorageBytes;
        int descriptor;
        while ((descriptor = accept4(listener, address, &length, SockNonBlock | SockCloExec)) < 0 && Marshal.GetLastPInvokeError() == EpollInterop.EIntr)
        {
            length = SockAddrStorageBytes;
        }

        if (descriptor < 0)
        {
            error = ToSocketError(Marshal.GetLastPInvokeError());
            remote = null;
            return null;
        }

        error = SocketError.Success;
        remote = Peer(new ReadOnlySpan<byte>(address, Math.Min(length, SockAddrStorageBytes)));
        return new SocketDescriptor(descriptor);
    }

    /// <summary>
    /// shutdown(2); errors (not connected, already closed) are ignored: there is nothing left to
    /// shut.
    /// </summary>
    public static void Shutdown(SafeHandle socket, SocketShutdown how)
    {
        try
        {
            _ = shutdown(socket, (int)how); // SocketShutdown's values are SHUT_RD, SHUT_WR, SHUT_RDWR
        }
        catch (ObjectDisposedException)
        {
            // Closed already.
        }
    }

    /// <summary>As <c>Socket.Receive(Span, SocketFlags.None, out SocketError)</c> on a non-blocking socket.</summary>
    public static unsafe int Receive(SafeHandle socket, Span<byte> buffer, out SocketError error)
    {
        fixed (byte* bytes = buffer)
        {
            nint received;
            while ((received = recv(socket, bytes, buffer.Length, 0)) < 0 && Marshal.GetLastPInvokeError() == EpollInterop.EIntr)
            {
            }

            error = received < 0 ? ToSocketError(Marshal.GetLastPInvokeError()) : SocketError.Success;
            return (int)Math.Max(received, 0);
        }
    }

    /// <summary>As <c>Socket.Send(ReadOnlySpan, SocketFlags.None, out SocketError)</c> on a non-blocking socket.</summary>
    public static unsafe int Send(SafeHandle socket, ReadOnlySpan<byte> bytes, out SocketError error)
    {
        fixed (byte* data = bytes)
        {
            nint sent;
            while ((sent = send(socket, data, bytes.Length, MsgNoSignal)) < 0 && Marshal.GetLastPInvokeError() == EpollInterop.EIntr)
            {
            }

            error = sent < 0 ? ToSocketError(Marshal.GetLastPInvokeError()) : SocketError.Success;
            return (int)Math.Max(sent, 0);
        }
    }

    /// <summary>A sockaddr_in or sockaddr_in6 (Linux layout: family in host order first) as text.</summary>
    internal static IPEndPoint? Peer(ReadOnlySpan<byte> address)
    {
        var family = address.Length >= 2 ? BinaryPrimitives.ReadUInt16LittleEndian(address) : 0;
        var port = address.Length >= 4 ? BinaryPrimitives.ReadUInt16BigEndian(address[2..4]) : 0;
        if (family == AfInet && address.Length >= 8)
        {
            return new IPEndPoint(new IPAddress(address[4..8]), port);
        }

        if (family == AfInet6 && address.Length >= 28)
        {
            var ip = new IPAddress(address[8..24], BinaryPrimitives.ReadUInt32LittleEndian(address[24..28]));
            return new IPEndPoint(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip, port);
        }

        return null;
    }

    // errno(3) values of Linux, as .NET names them.
    private static SocketError ToSocketError(int errno) => errno switch
    {
        11 => SocketError.WouldBlock, // EAGAIN, EWOULDBLOCK
        9 => SocketError.OperationAborted, // EBADF: closed under us
        12 or 105 => SocketError.NoBufferSpaceAvailable, // ENOMEM, ENOBUFS
        22 => SocketError.InvalidArgument, // EINVAL: a listener that was shut down
        23 or 24 => SocketError.TooManyOpenSockets, // ENFILE, EMFILE
        32 => SocketError.Shutdown, // EPIPE
        103 => SocketError.ConnectionAborted,
        104 => SocketError.ConnectionReset,
        107 => SocketError.NotConnected,
        110 => SocketError.TimedOut,
        113 => SocketError.HostUnreachable,
        _ => SocketError.SocketError,
    };

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int accept4(SafeHandle listener, byte* address, int* addressLength, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int shutdown(SafeHandle fd, int how);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial nint recv(SafeHandle fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial nint send(SafeHandle fd, byte* buffer, nint length, int flags);
}
