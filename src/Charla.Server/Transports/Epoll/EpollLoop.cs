using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Charla.Core.Output;
using Microsoft.Extensions.Logging;
using static Charla.Server.Transports.Epoll.EpollInterop;

namespace Charla.Server.Transports.Epoll;

/// <summary>
/// One thread waiting on one epoll set for its connections' sockets to have input, and telling
/// their readers (edge-triggered: once per arrival). A reader then runs its connection's line
/// loop right here, as .NET's socket engine does with inline completions.
/// </summary>
/// <remarks>
/// Why not .NET's own wait (a zero-byte <c>ReceiveAsync</c>): a pending receive holds its event
/// args, operation and callback, about 0.5 KiB per idle connection, and the async method
/// awaiting it another 0.2 KiB (bench/RESULTS.md). Here an idle connection costs a slot in a
/// table. The descriptors come from the listener's own accept (<see cref="RawSocketCalls"/>),
/// made on these loops' threads too when the listening socket reports arrivals;
/// only a send that must wait for room goes through a .NET socket. Events carry a slot and a generation, not the descriptor, so an
/// event that arrives after its connection closed (or after the slot was reused) is dropped.
/// </remarks>
[SupportedOSPlatform("linux")]
internal sealed unsafe class EpollLoop : IDisposable
{
    private const int MaxEvents = 256;
    private const ulong WakeToken = ulong.MaxValue;

    private readonly ILogger _logger;
    private readonly int _epoll;
    private readonly int _wake; // an eventfd in the set: Dispose writes it to end the wait
    private readonly Thread _thread;
    private readonly Lock _gate = new();
    private IEpollClient?[] _clients = new IEpollClient?[64];
    private uint[] _generations = new uint[64];
    private readonly Stack<int> _freeSlots = new();
    private int _usedSlots;
    private volatile bool _disposed;

    public EpollLoop(string name, ILogger logger)
    {
        _logger = logger;
        _epoll = Check(epoll_create1(EpollCloExec), "epoll_create1");
        _wake = Check(eventfd(0, EfdNonBlock | EfdCloExec), "eventfd");
        Control(EpollCtlAdd, _wake, EpollIn, WakeToken);
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Watches <paramref name="socket"/> for input; returns the token to <see cref="Unregister"/> it with.</summary>
    public ulong Register(SafeHandle socket, IEpollClient client) => Register(socket, client, EpollIn | EpollRdHup | EpollEt);

    /// <summary>
    /// Watches a non-blocking listening socket for connections waiting to be accepted. Every loop
    /// may watch the same listener: EPOLLEXCLUSIVE wakes one waiting loop per arrival, not all.
    /// </summary>
    public ulong RegisterListener(SafeHandle listener, IEpollClient client) => Register(listener, client, EpollIn | EpollEt | EpollExclusive);

    private ulong Register(SafeHandle socket, IEpollClient client, uint events)
    {
        ulong token;
        lock (_gate)
        {
            var slot = _freeSlots.Count > 0 ? _freeSlots.Pop() : _usedSlots++;
            if (slot == _clients.Length)
            {
                Array.Resize(ref _clients, slot * 2);
                Array.Resize(ref _generations, slot * 2);
            }

            _clients[slot] = client;
            token = ((ulong)++_generations[slot] << 32) | (uint)slot;
        }

        try
        {
            Control(EpollCtlAdd, Descriptor(socket), events, token);
        }
        catch
        {
            Release(token);
            throw;
        }

        return token;
    }

    /// <summary>
    /// Stops telling the client; call before the socket is closed. Closing the descriptor takes
    /// it out of the epoll set (no EPOLL_CTL_DEL: one system call less per connection), and
    /// any event still on its way finds the slot released or reused, and is dropped.
    /// </summary>
    public void Unregister(ulong token) => Release(token);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true; // a second Dispose (the host's, after StopAsync's) does nothing
        ulong one = 1;
        _ = write(_wake, &one, sizeof(ulong));
        if (Thread.CurrentThread != _thread)
        {
            _thread.Join(); // the loop closes its descriptors as it ends
        }
    }

    private void Release(ulong token)
    {
        // A second release (or one after the slot was reused) finds another generation and does nothing.
        var slot = (int)(uint)token;
        lock (_gate)
        {
            if (_generations[slot] == (uint)(token >> 32) && _clients[slot] is not null)
            {
                _clients[slot] = null;
                _freeSlots.Push(slot);
            }
        }
    }

    private void Run()
    {
        var (size, dataOffset) = (EventSize, EventDataOffset);
        var events = (byte*)NativeMemory.Alloc((nuint)(MaxEvents * size));
        var ready = new IEpollClient?[MaxEvents];
        var ended = new bool[MaxEvents];
        try
        {
            while (!_disposed)
            {
                var count = epoll_wait(_epoll, events, MaxEvents, -1);
                if (count < 0)
                {
                    if (Marshal.GetLastPInvokeError() == EIntr)
                    {
                        continue;
                    }

                    _logger.LogCritical("epoll_wait failed: {Error}", Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));
                    return;
                }

                // Under the lock, so that a slot is read whole (client and generation, arrays not mid-growth).
                lock (_gate)
                {
                    for (var i = 0; i < count; i++)
                    {
                        var token = *(ulong*)(events + (i * size) + dataOffset);
                        ended[i] = (*(uint*)(events + (i * size)) & (EpollRdHup | EpollHup | EpollErr)) != 0;
                        var slot = (int)(uint)token;
                        ready[i] = token != WakeToken && slot < _usedSlots && _generations[slot] == (uint)(token >> 32) ? _clients[slot] : null;
                    }
                }

                // One output batch per turn: what the turn's reads queue for a few clients is
                // written when the turn is done, once per client (OutputBatch).
                using (OutputBatch.Open())
                {
                    for (var i = 0; i < count; i++)
                    {
                        Tell(ready[i], ended[i]);
                        ready[i] = null;
                    }
                }
            }
        }
        finally
        {
            NativeMemory.Free(events);
            _ = close(_wake);
            _ = close(_epoll);
        }
    }

    private void Tell(IEpollClient? client, bool inputEnded)
    {
        try
        {
            client?.OnReadable(inputEnded);
        }
        catch (Exception ex)
        {
            // A reader reports its own failures to its connection; this keeps the other connections served.
            _logger.LogError(ex, "A connection's input handler failed");
        }
    }

    private void Control(int operation, int fd, uint events, ulong token)
    {
        var registration = stackalloc byte[16];
        *(uint*)registration = events;
        *(ulong*)(registration + EventDataOffset) = token;
        Check(epoll_ctl(_epoll, operation, fd, registration), "epoll_ctl");
    }

    // The descriptor stays valid while the socket is open; the caller unregisters before closing it.
    private static int Descriptor(SafeHandle socket) => (int)socket.DangerousGetHandle();

    private static int Check(int result, string call) =>
        result >= 0 ? result : throw new IOException($"{call} failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
}
