using System.Net;
using Charla.Server.Configuration;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace Charla.Server.Transports;

/// <summary>
/// Kestrel's entry point for a line-protocol connection: tune the socket, run the protocol, and
/// log (not rethrow) a failure, which ends that connection only; its session is already detached.
/// </summary>
public abstract class LineConnectionHandler(CharlaOptions options, ILogger logger) : ConnectionHandler
{
    private readonly TimeSpan _drainTimeout = TimeSpan.FromSeconds(options.Tcp.DrainTimeoutSeconds);

    /// <summary>The protocol's name in log records.</summary>
    protected abstract string ProtocolName { get; }

    public sealed override async Task OnConnectedAsync(ConnectionContext connection)
    {
        SocketTuning.Apply(connection, options.Tcp);
        try
        {
            await RunAsync(connection, RemoteHost(connection), _drainTimeout);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "{Protocol} connection {ConnectionId} from {Remote} failed", ProtocolName, connection.ConnectionId, connection.RemoteEndPoint);
        }
    }

    /// <summary>Runs the protocol on the connection until it ends.</summary>
    protected abstract Task RunAsync(ConnectionContext connection, string remoteHost, TimeSpan drainTimeout);

    internal static string RemoteHost(ConnectionContext connection) => connection.RemoteEndPoint switch
    {
        IPEndPoint { Address.IsIPv4MappedToIPv6: true } ip => ip.Address.MapToIPv4().ToString(),
        IPEndPoint ip => ip.Address.ToString(),
        { } other => other.ToString() ?? "unknown",
        null => "unknown",
    };
}
