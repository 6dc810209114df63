using System.Net;
using System.Net.Sockets;
using Charla.Server.Configuration;
using Charla.Server.Transports;

namespace Charla.Integration.Tests.Transports;

/// <summary>The TCP options every client connection must have, however they are set.</summary>
public sealed class SocketTuningTests
{
    [Fact]
    public async Task An_accepted_connection_has_nodelay_and_the_configured_keepalive()
    {
        var options = new TcpOptions { KeepAliveSeconds = 61, KeepAliveIntervalSeconds = 11, KeepAliveProbes = 6 };
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        if (SocketTuning.InheritedFromListener)
        {
            SocketTuning.Apply(listener, options); // as the server does on Linux: set once, inherited
        }

        listener.Listen();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!);
        using var accepted = await listener.AcceptAsync();
        if (!SocketTuning.InheritedFromListener)
        {
            SocketTuning.Apply(accepted, options);
        }

        Assert.True(accepted.NoDelay);
        Assert.Equal(1, (int)accepted.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive)!);
        Assert.Equal(61, (int)accepted.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime)!);
        Assert.Equal(11, (int)accepted.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval)!);
        Assert.Equal(6, (int)accepted.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount)!);
    }
}
