using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace Charla.Server.Transports.Epoll;

/// <summary>
/// An accepted socket's descriptor, closed once when the last user lets go (a
/// <see cref="SafeHandle"/>: calls in flight hold it, so the number is never reused under
/// them). Half the size of .NET's <c>SafeSocketHandle</c>, which also carries the state of
/// .NET's asynchronous operations that the epoll path does not use.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed partial class SocketDescriptor : SafeHandleMinusOneIsInvalid
{
    public SocketDescriptor(int descriptor)
        : base(ownsHandle: true) => SetHandle(descriptor);

    protected override bool ReleaseHandle() => close((int)handle) == 0;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int descriptor);
}
