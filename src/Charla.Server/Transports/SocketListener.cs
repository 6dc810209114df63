using System.Net;
using System.Net.Sockets;
using Charla.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace Charla.Server.Transports;

/// <summary>
/// One listening socket for a line protocol, and the connections it accepted: it starts each
/// one and, when stopped, waits for them to finish their goodbyes.
/// </summary>
internal sealed class SocketListener : IAsyncDisposable
{
    // Deep enough for a crowd reconnecting at once (the kernel caps it at net.core.somaxconn).
    private const int Backlog = 4096;

    private readonly Socket _socket;
    private readonly string _name;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _allClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Func<Socket, Task>? _run;
    private Task _acceptLoop = Task.CompletedTask;
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

    /// <summary>Accepts connections and runs each with <paramref name="run"/> until stopped.</summary>
    public void Start(Func<Socket, Task> run)
    {
        _run = run;
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>Stops accepting, then waits (within the token) for the accepted connections to end.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _socket.Dispose();
        await _acceptLoop;
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
        _socket.Dispose();
        return ValueTask.CompletedTask;
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
                    await Task.Delay(100);
                }

                continue;
            }

            // Started here, with no hop: it runs only until its first read waits, then accepting goes on.
            Interlocked.Increment(ref _active);
            _ = RunAsync(client);
        }
    }

    private async Task RunAsync(Socket client)
    {
        try
        {
            await _run!(client);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "{Listener} connection from {Remote} failed", _name, SafeRemote(client));
        }
        finally
        {
            client.Dispose();
            Release();
        }
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _active) == 0)
        {
            _allClosed.TrySetResult();
        }
    }

    private static string SafeRemote(Socket client)
    {
        try
        {
            return client.RemoteEndPoint?.ToString() ?? "unknown";
        }
        catch (ObjectDisposedException)
        {
            return "unknown";
        }
    }
}
