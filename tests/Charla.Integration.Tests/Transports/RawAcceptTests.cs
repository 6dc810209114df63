using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using Charla.Server.Configuration;
using Charla.Server.Transports;
using Charla.Server.Transports.Epoll;

namespace Charla.Integration.Tests.Transports;

/// <summary>
/// The epoll path accepts with accept(2) itself: what it hands on must be what .NET's accept
/// gave (a non-blocking socket with the listener's options, the peer's address as users see it),
/// and stopping must wake the thread that waits in it.
/// </summary>
public sealed class RawAcceptTests
{
    [Fact]
    public async Task An_accepted_descriptor_is_non_blocking_with_the_listeners_options_and_the_peers_address()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // the epoll path is Linux's
        }

        var options = new TcpOptions { KeepAliveSeconds = 61, KeepAliveIntervalSeconds = 11, KeepAliveProbes = 6 };
        using var listener = Listen(IPAddress.Loopback, socket => SocketTuning.Apply(socket, options));
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!);

        using var handle = RawSocketCalls.Accept(listener.SafeHandle, out var host, out var error);

        Assert.Equal(SocketError.Success, error);
        Assert.NotNull(handle);
        Assert.Equal("127.0.0.1", host);
        var buffer = new byte[16];
        Assert.Equal(0, RawSocketCalls.Receive(handle, buffer, out var wouldBlock));
        Assert.Equal(SocketError.WouldBlock, wouldBlock); // nothing sent yet, and the call did not wait
        using var accepted = new Socket(new SafeSocketHandle(handle.DangerousGetHandle(), ownsHandle: false)); // to read its options
        Assert.True(accepted.NoDelay);
        Assert.Equal(61, (int)accepted.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime)!);
        Assert.Equal(6, (int)accepted.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount)!);
    }

    [Fact]
    public async Task On_a_dual_stack_listener_an_IPv4_peer_shows_as_IPv4()
    {
        if (!OperatingSystem.IsLinux() || !Socket.OSSupportsIPv6)
        {
            return;
        }

        using var listener = Listen(IPAddress.IPv6Any, socket => socket.DualMode = true);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        using var v4 = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await v4.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        using var first = RawSocketCalls.Accept(listener.SafeHandle, out var v4Host, out _);
        using var v6 = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
        await v6.ConnectAsync(new IPEndPoint(IPAddress.IPv6Loopback, port));
        using var second = RawSocketCalls.Accept(listener.SafeHandle, out var v6Host, out _);

        Assert.Equal("127.0.0.1", v4Host);
        Assert.Equal("::1", v6Host);
    }

    [Fact]
    public async Task Shutting_the_listener_down_wakes_a_thread_waiting_to_accept()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var listener = Listen(IPAddress.Loopback);
        var waiting = Task.Factory.StartNew(
            () => OperatingSystem.IsLinux()
                ? (Handle: RawSocketCalls.Accept(listener.SafeHandle, out _, out var error), Error: error)
                : (null, SocketError.OperationNotSupported),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        await Task.Delay(200); // let it block in accept(2)

        RawSocketCalls.Shutdown(listener.SafeHandle, SocketShutdown.Receive);
        var (handle, error) = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Null(handle);
        Assert.Equal(SocketError.InvalidArgument, error);
    }

    /// <summary>A listening socket on an ephemeral port, blocking, as the server's accept thread has it.</summary>
    [SupportedOSPlatform("linux")]
    private static Socket Listen(IPAddress address, Action<Socket>? tune = null)
    {
        var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        tune?.Invoke(listener);
        listener.Bind(new IPEndPoint(address, 0));
        listener.Listen();
        RawSocketCalls.SetBlocking(listener.SafeHandle);
        return listener;
    }
}
