using System.Net.Sockets;
using Charla.Server.Configuration;

namespace Charla.Server.Transports;

/// <summary>Socket options for an accepted client connection.</summary>
public static class SocketTuning
{
    /// <summary>
    /// True where accepted sockets inherit these options from the listening socket (Linux copies
    /// the listener's options into each connection): set once there, they cost a connection no
    /// system call (five otherwise). Elsewhere they are set on each accepted socket.
    /// </summary>
    public static bool InheritedFromListener => OperatingSystem.IsLinux();

    /// <summary>
    /// No Nagle delay (chat lines are small and should leave at once);
    /// TCP keepalive, so that a peer whose machine or network died (and will never send a FIN)
    /// is noticed and dropped.
    /// </summary>
    /// <param name="socket">An accepted socket, or a listening one whose connections inherit (<see cref="InheritedFromListener"/>).</param>
    public static void Apply(Socket socket, TcpOptions options)
    {
        try
        {
            socket.NoDelay = true;
            if (options.KeepAliveSeconds > 0)
            {
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
                socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, options.KeepAliveSeconds);
                socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, options.KeepAliveIntervalSeconds);
                socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, options.KeepAliveProbes);
            }
        }
        catch (SocketException)
        {
            // The peer may already be gone; the reader loop will see it.
        }
    }
}
