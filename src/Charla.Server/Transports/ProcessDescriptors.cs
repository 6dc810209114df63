using System.Runtime.InteropServices;

namespace Charla.Server.Transports;

/// <summary>The process's file descriptors: its limit (RLIMIT_NOFILE, as <c>ulimit -n</c> sets it) and how many are open.</summary>
internal static partial class ProcessDescriptors
{
    private const int RlimitNoFile = 7; // Linux
    private const ulong Unlimited = ulong.MaxValue; // RLIM_INFINITY

    /// <summary>The soft limit (the one that makes accept fail), or null where it cannot be read.</summary>
    public static unsafe long? Limit()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var limit = default(ResourceLimit);
        if (getrlimit(RlimitNoFile, &limit) != 0 || limit.Current == Unlimited)
        {
            return null;
        }

        return (long)Math.Min(limit.Current, long.MaxValue);
    }

    /// <summary>Descriptors open now (Linux: the entries of /proc/self/fd), or 0 where unknown.</summary>
    public static int Open()
    {
        try
        {
            return OperatingSystem.IsLinux() ? Directory.EnumerateFileSystemEntries("/proc/self/fd").Count() : 0;
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int getrlimit(int resource, ResourceLimit* limit);
}
