using System.Net.Sockets;

namespace Charla.Integration.Tests.Support;

/// <summary>
/// A test of something only Linux has (epoll, /proc/self/fd, prlimit): elsewhere it is reported
/// as skipped, with the reason, rather than passing without having run.
/// </summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute(string needs, bool ipv6 = false)
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = $"Linux only: {needs}";
        }
        else if (ipv6 && !Socket.OSSupportsIPv6)
        {
            Skip = "this machine has no IPv6";
        }
    }
}

/// <summary>A <see cref="LinuxFactAttribute"/> for theories.</summary>
public sealed class LinuxTheoryAttribute : TheoryAttribute
{
    public LinuxTheoryAttribute(string needs)
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = $"Linux only: {needs}";
        }
    }
}
