using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using Charla.Integration.Tests.Support;
using Charla.Server.Configuration;
using Charla.Server.Transports;
using Charla.Server.Transports.Epoll;

namespace Charla.Integration.Tests.Transports;

/// <summary>
/// The epoll path accepts with accept(2) itself, on a non-blocking listener: what it hands on
/// must be what .NET's accept gave (a non-blocking socket with the listener's options, the
/// peer's address as users see it), and with nobody waiting it must say so at once.
/// </summary>
[SupportedOSPlatform("linux")] // each test is a LinuxFact: skipped with its reason elsewhere
public sealed class RawAcceptTests
{
    [LinuxFact("the epoll path's own accept")]
    public async Task An_accepted_descriptor_is_non_blocking_with_the_listeners_options_and_the_peers_address()
    {
        var options = new TcpOptions { KeepAliveSeconds = 61, KeepAliveIntervalSeconds = 11, KeepAliveProbes = 6 };
        using var listener = Listen(IPAddress.Loopback, socket => SocketTuning.Apply(socket, options));
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!);

        var (handle, remote) = await AcceptAsync(listener);

        using (handle)
        {
            Assert.Equal(client.LocalEndPoint, remote); // address and port
            Assert.Equal("127.0.0.1", remote.Address.ToString());
            var buffer = new byte[16];
            Assert.Equal(0, RawSocketCalls.Receive(handle, buffer, out var wouldBlock));
            Assert.Equal(SocketError.WouldBlock, wouldBlock); // nothing sent yet, and the call did not wait
            using var accepted = new Socket(new SafeSocketHandle(handle.DangerousGetHandle(), ownsHandle: false)); // to read its options
            Assert.True(accepted.NoDelay);
            Assert.Equal(61, (int)accepted.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime)!);
            Assert.Equal(6, (int)accepted.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount)!);
        }
    }

    [LinuxFact("the epoll path's own accept", ipv6: true)]
    public async Task On_a_dual_stack_listener_an_IPv4_peer_shows_as_IPv4()
    {
        using var listener = Listen(IPAddress.IPv6Any, socket => socket.DualMode = true);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        using var v4 = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await v4.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        var (first, v4Host) = await AcceptAsync(listener);
        using var v6 = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
        await v6.ConnectAsync(new IPEndPoint(IPAddress.IPv6Loopback, port));
        var (second, v6Host) = await AcceptAsync(listener);
        first.Dispose();
        second.Dispose();

        Assert.Equal("127.0.0.1", v4Host.Address.ToString());
        Assert.Equal(((IPEndPoint)v4.LocalEndPoint!).Port, v4Host.Port);
        Assert.Equal("::1", v6Host.Address.ToString());
    }

    [LinuxFact("the epoll path's own accept")]
    public void With_nobody_waiting_accept_returns_at_once_and_says_so()
    {
        using var listener = Listen(IPAddress.Loopback);

        var handle = RawSocketCalls.Accept(listener.SafeHandle, out _, out var error);

        Assert.Null(handle);
        Assert.Equal(SocketError.WouldBlock, error);
    }

    /// <summary>A listening socket on an ephemeral port, non-blocking, as the server's epoll loops watch it.</summary>
    private static Socket Listen(IPAddress address, Action<Socket>? tune = null)
    {
        var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        tune?.Invoke(listener);
        listener.Bind(new IPEndPoint(address, 0));
        listener.Listen();
        listener.Blocking = false;
        return listener;
    }

    /// <summary>The connection a client just made, once the kernel has it in the accept queue.</summary>
    [SupportedOSPlatform("linux")]
    private static async Task<(SocketDescriptor Handle, IPEndPoint Remote)> AcceptAsync(Socket listener)
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var handle = RawSocketCalls.Accept(listener.SafeHandle, out var remote, out var error);
            if (handle is not null)
            {
                return (handle, remote!);
            }

            Assert.Equal(SocketError.WouldBlock, error);
            await Task.Delay(10);
        }

        throw new TimeoutException("no connection came to accept");
    }
}
