using System.Runtime.InteropServices;

namespace Charla.Server.Transports.Epoll;

/// <summary>The few Linux calls an epoll loop needs (epoll(7), eventfd(2)).</summary>
internal static partial class EpollInterop
{
    public const int EpollCtlAdd = 1;
    public const uint EpollIn = 0x001;
    public const uint EpollRdHup = 0x2000;
    public const uint EpollErr = 0x008;
    public const uint EpollHup = 0x010;
    public const uint EpollExclusive = 1u << 28;
    public const uint EpollEt = 1u << 31;
    public const int EpollCloExec = 0x80000;
    public const int EfdNonBlock = 0x800;
    public const int EfdCloExec = 0x80000;
    public const int EIntr = 4;

    /// <summary>Bytes per struct epoll_event: x86-64 packs it (12), other architectures align its data (16).</summary>
    public static int EventSize => PackedEvents ? 12 : 16;

    /// <summary>Where the event's 64-bit data sits in struct epoll_event.</summary>
    public static int EventDataOffset => PackedEvents ? 4 : 8;

    private static bool PackedEvents => RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int epoll_create1(int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial int epoll_ctl(int epoll, int operation, int fd, void* registration);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial int epoll_wait(int epoll, void* events, int maxEvents, int timeoutMilliseconds);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int eventfd(uint initialValue, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial nint write(int fd, void* buffer, nint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);
}
