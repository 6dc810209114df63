using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Extensions.Logging;

namespace Charla.Server.Transports.Epoll;

/// <summary>The <see cref="EpollLoop"/>s (one, or one per core); connections are spread over them in turn.</summary>
internal sealed class EpollLoops : IDisposable
{
    private readonly EpollLoop[] _loops;
    private int _next;

    private EpollLoops(EpollLoop[] loops) => _loops = loops;

    /// <summary>The loops (<paramref name="count"/>, or one per core if 0), on Linux; null elsewhere (.NET's socket engine waits instead).</summary>
    public static EpollLoops? TryCreate(int count, ILogger logger)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var loops = new EpollLoop[count > 0 ? count : Environment.ProcessorCount];
        for (var i = 0; i < loops.Length; i++)
        {
            loops[i] = new EpollLoop($"charla-epoll-{i}", logger);
        }

        return new(loops);
    }

    /// <summary>Has every loop watch <paramref name="listener"/> (non-blocking) and tell <paramref name="client"/> of arrivals; it stays watched until closed.</summary>
    [SupportedOSPlatform("linux")]
    public void WatchListener(SafeHandle listener, IEpollClient client)
    {
        foreach (var loop in _loops)
        {
            loop.RegisterListener(listener, client);
        }
    }

    /// <summary>The loop for the next connection.</summary>
    [SupportedOSPlatform("linux")]
    public EpollLoop Next() => _loops[(int)((uint)Interlocked.Increment(ref _next) % (uint)_loops.Length)];

    public void Dispose()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // never made elsewhere
        }

        foreach (var loop in _loops)
        {
            loop.Dispose();
        }
    }
}
