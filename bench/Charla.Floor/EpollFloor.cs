using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Charla.Floor;

/// <summary>
/// The epoll floor: one thread, one epoll set, edge-triggered non-blocking sockets and, per
/// connection, a file descriptor and a small object. No .NET Socket, no task while idle. Just
/// enough to measure; not a transport (no write queue: the replies are tiny).
/// </summary>
[SupportedOSPlatform("linux")]
internal static partial class EpollFloor
{
    private const int AfInet = 2;
    private const int SockStream = 1;
    private const int SockNonBlock = 0x800;
    private const int SolSocket = 1;
    private const int SoReuseAddr = 2;
    private const int IpProtoTcp = 6;
    private const int TcpNoDelay = 1;
    private const int EpollCtlAdd = 1;
    private const uint EpollIn = 1;
    private const uint EpollEt = 1u << 31;
    private const int MsgNoSignal = 0x4000;

    [StructLayout(LayoutKind.Sequential, Pack = 4)] // x86-64 packs struct epoll_event
    private struct EpollEvent
    {
        public uint Events;
        public ulong Data;
    }

    private sealed class Client
    {
        public string Nick = "*";
        public byte[] Carry = [];
    }

    public static unsafe void Run(int port)
    {
        if (RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            throw new PlatformNotSupportedException("the epoll floor's event layout is x86-64's");
        }

        var listener = Check(socket(AfInet, SockStream | SockNonBlock, 0));
        var one = 1;
        Check(setsockopt(listener, SolSocket, SoReuseAddr, &one, sizeof(int)));
        var address = stackalloc byte[16]; // struct sockaddr_in: family, port (big-endian), 127.0.0.1
        address[0] = AfInet;
        address[2] = (byte)(port >> 8);
        address[3] = (byte)port;
        address[4] = 127;
        address[7] = 1;
        Check(bind(listener, address, 16));
        Check(listen(listener, 4096));
        var epoll = Check(epoll_create1(0));
        Add(epoll, listener, EpollIn);

        var clients = new Dictionary<int, Client>();
        var events = new EpollEvent[256];
        var buffer = new byte[64 * 1024];
        while (true)
        {
            int ready;
            fixed (EpollEvent* first = events)
            {
                ready = epoll_wait(epoll, first, events.Length, -1);
            }

            for (var i = 0; i < ready; i++)
            {
                var fd = (int)events[i].Data;
                if (fd == listener)
                {
                    Accept(epoll, listener, clients);
                }
                else if (clients.TryGetValue(fd, out var client) && !Read(fd, client, buffer))
                {
                    close(fd);
                    clients.Remove(fd);
                }
            }
        }
    }

    private static unsafe void Accept(int epoll, int listener, Dictionary<int, Client> clients)
    {
        int fd;
        while ((fd = accept4(listener, null, null, SockNonBlock)) >= 0)
        {
            var one = 1;
            setsockopt(fd, IpProtoTcp, TcpNoDelay, &one, sizeof(int));
            Add(epoll, fd, EpollIn | EpollEt);
            clients[fd] = new Client();
        }
    }

    /// <summary>Reads until the socket would block (edge-triggered); false when the client is gone.</summary>
    private static unsafe bool Read(int fd, Client client, byte[] buffer)
    {
        while (true)
        {
            client.Carry.CopyTo(buffer, 0);
            long read;
            fixed (byte* at = &buffer[client.Carry.Length])
            {
                read = recv(fd, at, buffer.Length - client.Carry.Length, 0);
            }

            if (read == 0)
            {
                return false;
            }

            if (read < 0)
            {
                return Marshal.GetLastPInvokeError() is 11 or 4; // EAGAIN, EINTR: wait for the next edge
            }

            var length = client.Carry.Length + (int)read;
            var used = MinimalIrc.AnswerLines(buffer.AsSpan(0, length), ref client.Nick, reply => Send(fd, reply));
            client.Carry = buffer.AsSpan(used, length - used).ToArray();
        }
    }

    private static unsafe void Send(int fd, byte[] reply)
    {
        fixed (byte* bytes = reply)
        {
            send(fd, bytes, reply.Length, MsgNoSignal);
        }
    }

    private static unsafe void Add(int epoll, int fd, uint events)
    {
        var registration = new EpollEvent { Events = events, Data = (ulong)fd };
        Check(epoll_ctl(epoll, EpollCtlAdd, fd, &registration));
    }

    private static int Check(int result) =>
        result >= 0 ? result : throw new InvalidOperationException($"system call failed: errno {Marshal.GetLastPInvokeError()}");

    [LibraryImport("libc", SetLastError = true)]
    private static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int setsockopt(int fd, int level, int name, void* value, int length);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int bind(int fd, void* address, int length);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int listen(int fd, int backlog);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int epoll_create1(int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int epoll_ctl(int epoll, int operation, int fd, EpollEvent* registration);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int epoll_wait(int epoll, EpollEvent* events, int max, int timeout);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int accept4(int fd, void* address, void* length, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial long recv(int fd, void* buffer, long length, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial long send(int fd, void* buffer, long length, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);
}
