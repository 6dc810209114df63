using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using Charla.Core;
using Charla.Core.Logging;
using Charla.Protocols.Connections;
using Charla.Server.Admission;
using Charla.Server.Hosting;
using Charla.Server.Transports.Epoll;
using Charla.Storage.Bans;
using Microsoft.Extensions.Logging;

namespace Charla.Server.Transports;

/// <summary>
/// One listening socket for a line protocol, and the connections it accepted: it starts each
/// one on its <see cref="SocketTransport"/> and, when stopped, waits for them to finish their goodbyes.
/// </summary>
/// <remarks>
/// With epoll loops (Linux), the loops watch the non-blocking listening socket too: the loop
/// told of arrivals accepts them (accept(2), until none is left) and hands each descriptor
/// straight to a transport that a loop watches: no .NET <see cref="Socket"/>, endpoint or
/// asynchronous accept per connection, and no thread woken just to accept. Else .NET's
/// <see cref="Socket.AcceptAsync()"/>. A connection starts on the accepting thread and runs
/// until its first read waits. Each connection takes one of the shared <see cref="ConnectionSlots"/>;
/// when none is free it is told so in its protocol's words and closed at once.
/// </remarks>
internal sealed class SocketListener : IAsyncDisposable, IConnectionObserver, IEpollClient
{
    // After a failed accept (out of descriptors or memory) the waiting connections are tried
    // again this much later, on both accept paths (on the epoll path, edge-triggered, nothing
    // else would tell the loops they still wait).
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMilliseconds(100);

    // Deep enough for a crowd reconnecting at once (the kernel caps it at net.core.somaxconn).
    private const int Backlog = 4096;

    // A full server says so in its log at most this often, with how many it refused meanwhile.
    private const long FullWarningIntervalMs = 10_000;

    private readonly Socket _socket;
    private readonly string _name;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _allClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Func<SocketTransport, string, IConnectionObserver, Task>? _run;
    private Func<string, string?, byte[]>? _refusal;
    private ConnectionSlots? _slots;
    private AddressLimits? _limits;
    private ConnectionCounters? _counters;
    private ChatEngine? _engine;
    private ServerEvents _events = ServerEvents.None;
    private readonly ConcurrentDictionary<ServerBan, long> _banRefusalLogged = new(); // Environment.TickCount64 of the last line per ban
    private long _lastFullWarning; // Environment.TickCount64; 0: never
    private int _refusedSinceWarning;
    private int _maxBufferedInput;
    private EpollLoops? _loops;
    private Action<Socket>? _tuneAccepted;
    private Task _acceptLoop = Task.CompletedTask;
    private volatile bool _stopping;
    private int _accepting; // loops in OnReadable now: stopping waits for them
    private int _active = 1; // one for the listener itself, released when it stops

    private SocketListener(Socket socket, string name, ILogger logger)
    {
        _socket = socket;
        _name = name;
        _logger = logger;
    }

    /// <summary>Where the listener is bound, with the real port.</summary>
    public IPEndPoint EndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>Binds and listens; <see cref="IPAddress.IPv6Any"/> means every interface, IPv6 and IPv4.</summary>
    /// <param name="description">Names the listener in a bind failure ("plain mode, --plain-port").</param>
    /// <param name="tune">Sets options on the listening socket before it listens (those accepted sockets inherit).</param>
    /// <exception cref="ServerStartException">The address cannot be bound (in use, not on this machine).</exception>
    public static SocketListener Bind(IPAddress address, int port, string name, string description, ILogger logger, Action<Socket>? tune = null)
    {
        var endpoint = new IPEndPoint(address, port);
        Socket? socket = null;
        try
        {
            socket = Open(endpoint);
            tune?.Invoke(socket);
            socket.Listen(Backlog);
            return new SocketListener(socket, name, logger);
        }
        catch (SocketException ex)
        {
            socket?.Dispose();
            throw new ServerStartException($"cannot listen on {endpoint} ({description}): {Describe(ex)}", ex);
        }
    }

    /// <summary>
    /// Accepts connections and runs each with <paramref name="run"/> (given its transport, remote
    /// host, and this listener to tell when it has ended) until stopped.
    /// </summary>
    /// <param name="slots">The connections that may be open at once, shared by the listeners.</param>
    /// <param name="limits">The connections each address may hold and open, shared by the listeners.</param>
    /// <param name="counters">Where bytes and refusals are counted.</param>
    /// <param name="engine">Whose server bans refuse an address as it arrives, and whose events log connections and refusals.</param>
    /// <param name="refusal">The line, with its terminator, that tells a client (by its host) why it is refused: the reason, or null when the server is full.</param>
    /// <param name="maxBufferedInput">The most unhandled input held for a client, in bytes.</param>
    /// <param name="loops">The epoll loops to watch clients with (Linux); null for .NET's own waits.</param>
    /// <param name="tuneAccepted">Sets options on each accepted .NET socket (where they are not inherited from the listener).</param>
    public void Start(
        Func<SocketTransport, string, IConnectionObserver, Task> run,
        ConnectionSlots slots,
        AddressLimits limits,
        ChatEngine engine,
        ConnectionCounters counters,
        Func<string, string?, byte[]> refusal,
        int maxBufferedInput,
        EpollLoops? loops,
        Action<Socket>? tuneAccepted = null)
    {
        _run = run;
        _slots = slots;
        _limits = limits;
        _engine = engine;
        _counters = counters;
        _events = engine.Events;
        _refusal = refusal;
        _maxBufferedInput = maxBufferedInput;
        _loops = loops;
        _tuneAccepted = tuneAccepted;
        if (loops is not null && OperatingSystem.IsLinux())
        {
            _socket.Blocking = false;
            loops.WatchListener(_socket.SafeHandle, this);
        }
        else
        {
            _acceptLoop = AcceptLoopAsync();
        }
    }

    /// <summary>Stops accepting, then waits (within the token) for the accepted connections to end.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Close();
        await _acceptLoop;
        while (Volatile.Read(ref _accepting) > 0)
        {
            await Task.Delay(1, CancellationToken.None); // a loop still starting what it accepted (microseconds): it is counted in before Release
        }

        Release();
        try
        {
            await _allClosed.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            _logger.LogWarning("{Listener}: {Count} connections still open at shutdown", _name, Volatile.Read(ref _active));
        }
    }

    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }

    private void Close()
    {
        _stopping = true;
        Interlocked.MemoryBarrier(); // before StopAsync reads _accepting: a loop that has not seen _stopping is counted
        _socket.Dispose(); // also out of the loops' epoll sets
    }

    private static Socket Open(IPEndPoint endpoint)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endpoint.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            socket.Bind(endpoint);
            return socket;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressFamilyNotSupported && endpoint.Address.Equals(IPAddress.IPv6Any))
        {
            // No IPv6 on this machine: every IPv4 interface instead.
            socket.Dispose();
            socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Any, endpoint.Port));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static string Describe(SocketException ex) => ex.SocketErrorCode switch
    {
        SocketError.AddressAlreadyInUse => "address already in use",
        SocketError.AddressNotAvailable => "address not available on this machine",
        SocketError.AccessDenied => "permission denied",
        _ => ex.Message,
    };

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await _socket.AcceptAsync();
            }
            catch (ObjectDisposedException)
            {
                return; // stopped
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.OperationAborted)
            {
                return; // stopped
            }
            catch (SocketException ex)
            {
                // A connection that failed before it was accepted (reset, out of descriptors): go on.
                _logger.LogWarning("{Listener}: accept failed: {Error}", _name, ex.Message);
                if (ex.SocketErrorCode is SocketError.TooManyOpenSockets)
                {
                    await Task.Delay(RetryAfterFailure);
                }

                continue;
            }

            var remote = RemotePeer(client);
            var host = remote?.Address.ToString() ?? "unknown";
            if (!_slots!.TryTake())
            {
                Refuse(client, host, reason: null);
                continue;
            }

            if (Admit(remote) is { } refusal)
            {
                _slots.Return();
                Refuse(client, host, refusal);
                continue;
            }

            SocketTransport transport;
            try
            {
                _tuneAccepted?.Invoke(client);
                transport = new SocketTransport(client, _maxBufferedInput) { Remote = remote, Counters = _counters };
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                client.Dispose(); // gone before it could start
                Unadmit(remote);
                continue;
            }

            Launch(transport, host);
        }
    }

    /// <summary>Connections are waiting (told by an epoll loop, on its thread): accepts and starts them all.</summary>
    void IEpollClient.OnReadable(bool inputEnded)
    {
        Interlocked.Increment(ref _accepting);
        try
        {
            if (!_stopping && OperatingSystem.IsLinux())
            {
                AcceptWaiting();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _accepting);
        }
    }

    /// <summary>Accepts until none is waiting (edge-triggered: the loops say so once per arrival).</summary>
    [SupportedOSPlatform("linux")]
    private void AcceptWaiting()
    {
        while (!_stopping)
        {
            SocketDescriptor? client;
            IPEndPoint? remote;
            SocketError error;
            try
            {
                client = RawSocketCalls.Accept(_socket.SafeHandle, out remote, out error);
            }
            catch (ObjectDisposedException)
            {
                return; // stopped
            }

            if (client is null)
            {
                if (error is SocketError.ConnectionAborted or SocketError.ConnectionReset)
                {
                    continue; // gone before it was accepted
                }

                if (error is not SocketError.WouldBlock && !_stopping)
                {
                    // Out of descriptors or memory: say so, and try again when closing connections may have freed some.
                    _logger.LogWarning("{Listener}: accept failed: {Error}", _name, error);
                    _ = RetryLaterAsync();
                }

                return;
            }

            var host = remote?.Address.ToString() ?? "unknown";
            if (!_slots!.TryTake())
            {
                Refuse(client, host, reason: null);
                continue;
            }

            if (Admit(remote) is { } refusal)
            {
                _slots.Return();
                Refuse(client, host, refusal);
                continue;
            }

            SocketTransport transport;
            try
            {
                transport = new SocketTransport(client, _maxBufferedInput, _loops!.Next()) { Remote = remote, Counters = _counters };
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "{Listener}: cannot watch the connection from {Remote}", _name, host);
                client.Dispose();
                Unadmit(remote);
                continue;
            }

            Launch(transport, host);
        }
    }

    private async Task RetryLaterAsync()
    {
        await Task.Delay(RetryAfterFailure);
        ((IEpollClient)this).OnReadable(inputEnded: false);
    }

    /// <summary>
    /// Counts the connection against its address's limits (a slot is taken already): null when
    /// it may stay, else why not, counted by kind (the first refusal of an address in its window
    /// is logged).
    /// </summary>
    private string? Admit(IPEndPoint? remote)
    {
        if (remote is null)
        {
            return null;
        }

        if (_engine!.Bans.FindAddress(remote.Address, _engine.Time.GetUtcNow()) is { } ban)
        {
            // A banned address that keeps knocking is logged once a minute, not once a knock.
            var now = Environment.TickCount64;
            if (!_banRefusalLogged.TryGetValue(ban, out var last) || now - last >= 60_000)
            {
                _banRefusalLogged[ban] = now;
                _events.Refused(_name, remote.Address.ToString(), remote.Port, $"D-lined ({ban.Mask}: {ban.Reason})");
            }

            _counters!.Refused(RefusalKind.Banned);
            return $"Banned ({ban.Reason})";
        }

        if (_limits!.MaxUnregistered > 0 && _engine.ConnectionCount - _engine.SessionCount >= _limits.MaxUnregistered && !_limits.IsExempt(remote.Address))
        {
            _events.RefusedUnregistered(_name, remote.Address.ToString(), remote.Port, _limits.MaxUnregistered);
            _counters!.Refused(RefusalKind.Limit);
            return "Too many connections are registering; try again in a moment";
        }

        if (_limits.TryAdmit(remote.Address, out var firstRefusal) is not { } refusal)
        {
            return null;
        }

        if (firstRefusal)
        {
            _events.Refused(_name, remote.Address.ToString(), remote.Port, refusal + " (further refusals of this address in this window are not logged)");
        }

        _counters!.Refused(RefusalKind.Limit);
        return refusal;
    }

    /// <summary>Gives back what <see cref="Admit"/> and the slot took, for a connection that ends or never started (a banned one took no count).</summary>
    private void Unadmit(IPEndPoint? remote)
    {
        if (remote is not null)
        {
            _limits!.Release(remote.Address);
        }

        _slots!.Return();
    }

    /// <summary>Starts a connection here, with no hop: it runs only until its first read waits, then accepting goes on.</summary>
    private void Launch(SocketTransport transport, string remoteHost)
    {
        if (transport.Remote is { } remote)
        {
            _events.Connected(_name, remoteHost, remote.Port);
        }

        Interlocked.Increment(ref _active);
        try
        {
            _ = _run!(transport, remoteHost, this); // it tells OnEnded; nothing awaits it
        }
        catch (Exception ex)
        {
            OnEnded(transport, remoteHost, ex); // failed before its life began
        }
    }

    /// <summary>A connection has ended: log its failure if any, make sure its socket is closed, count it out.</summary>
    public void OnEnded(ILineTransport transport, string remoteHost, Exception? failure)
    {
        if (failure is not null)
        {
            _logger.LogError(failure, "{Listener} connection from {Remote} failed", _name, remoteHost);
        }

        (transport as IDisposable)?.Dispose();
        Unadmit((transport as SocketTransport)?.Remote);
        Release();
    }

    /// <summary>
    /// The server is full (<paramref name="reason"/> null) or the address is past a limit: tells
    /// the client why and closes its connection at once, on the accepting thread (a refused
    /// connection holds its descriptor for microseconds, out of the reserve).
    /// </summary>
    private void Refuse(Socket client, string host, string? reason)
    {
        using (client)
        {
            try
            {
                client.Blocking = false;
                client.Send(_refusal!(host, reason), SocketFlags.None, out _);
                DrainArrived(buffer => client.Receive(buffer, SocketFlags.None, out _));
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Gone already: nothing to tell.
            }
        }

        Refused(host, reason);
    }

    /// <inheritdoc cref="Refuse(Socket, string, string?)"/>
    [SupportedOSPlatform("linux")]
    private void Refuse(SocketDescriptor client, string host, string? reason)
    {
        using (client)
        {
            RawSocketCalls.Send(client, _refusal!(host, reason), out _);
            DrainArrived(buffer => RawSocketCalls.Receive(client, buffer, out _));
        }

        Refused(host, reason);
    }

    /// <summary>A refusal has been told; one for a full server is counted and warned of here (the others were counted by <see cref="Admit"/>).</summary>
    private void Refused(string host, string? reason)
    {
        if (reason is null)
        {
            _counters!.Refused(RefusalKind.Full);
            WarnFull(host);
        }
    }

    /// <summary>
    /// Reads (and drops) what the client sent already, such as an IRC client's NICK and USER: a
    /// socket closed with unread input resets the connection, and a reset can reach the client
    /// before it has read the refusal.
    /// </summary>
    private static void DrainArrived(ReceiveInto receive)
    {
        Span<byte> buffer = stackalloc byte[1024];
        for (var i = 0; i < 4 && receive(buffer) == buffer.Length; i++)
        {
        }
    }

    private delegate int ReceiveInto(Span<byte> buffer);

    private void WarnFull(string host)
    {
        var refused = Interlocked.Increment(ref _refusedSinceWarning);
        var now = Environment.TickCount64;
        var last = Volatile.Read(ref _lastFullWarning);
        if ((last != 0 && now - last < FullWarningIntervalMs) || Interlocked.CompareExchange(ref _lastFullWarning, now, last) != last)
        {
            return;
        }

        Interlocked.Add(ref _refusedSinceWarning, -refused);
        _logger.LogWarning(
            "{Listener}: the server is full ({Capacity} connections, Tcp:MaxConnections or ulimit -n): refused {Refused}, the last from {Remote}",
            _name, _slots!.Capacity, refused, host);
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _active) == 0)
        {
            _allClosed.TrySetResult();
        }
    }

    /// <summary>The client's address as users see it (IPv4 as IPv4 even on a dual-stack socket) and port; null if unknown.</summary>
    private static IPEndPoint? RemotePeer(Socket socket)
    {
        try
        {
            return socket.RemoteEndPoint switch
            {
                IPEndPoint { Address.IsIPv4MappedToIPv6: true } ip => new IPEndPoint(ip.Address.MapToIPv4(), ip.Port),
                IPEndPoint ip => ip,
                _ => null,
            };
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return null; // already reset
        }
    }
}
