using System.Net.Sockets;
using Charla.Server.Configuration;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace Charla.Server.Transports;

/// <summary>Socket options Kestrel does not set for us.</summary>
public static class SocketTuning
{
    /// <summary>
    /// Turns on TCP keepalive, so that a peer whose machine or network died (and will never send
    /// a FIN) is noticed and dropped. TCP_NODELAY is already on: Kestrel's default.
    /// </summary>
    public static void Apply(ConnectionContext connection, TcpOptions options)
    {
        if (options.KeepAliveSeconds <= 0 || connection.Features.Get<IConnectionSocketFeature>()?.Socket is not { } socket)
        {
            return;
        }

        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, options.KeepAliveSeconds);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, options.KeepAliveIntervalSeconds);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, options.KeepAliveProbes);
        }
        catch (SocketException)
        {
            // The peer may already be gone; the reader loop will see it.
        }
    }
}
