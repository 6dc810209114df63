using System.Net;
using Charla.Core;
using Charla.Protocols.Plain;
using Charla.Server.Configuration;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace Charla.Server.Transports;

/// <summary>Kestrel's entry point for a plain-mode TCP connection: tune the socket, run the protocol.</summary>
public sealed class PlainConnectionHandler(ChatEngine engine, CharlaOptions options, ILogger<PlainConnectionHandler> logger)
    : ConnectionHandler
{
    private readonly TimeSpan _drainTimeout = TimeSpan.FromSeconds(options.Tcp.DrainTimeoutSeconds);

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        SocketTuning.Apply(connection, options.Tcp);
        try
        {
            await PlainConnection.RunAsync(engine, options.Plain, connection.Transport, RemoteHost(connection), _drainTimeout);
        }
        catch (Exception ex)
        {
            // A bug in one connection ends that connection only; the session was already detached.
            logger.LogError(ex, "Plain connection {ConnectionId} from {Remote} failed", connection.ConnectionId, connection.RemoteEndPoint);
        }
    }

    internal static string RemoteHost(ConnectionContext connection) => connection.RemoteEndPoint switch
    {
        IPEndPoint { Address.IsIPv4MappedToIPv6: true } ip => ip.Address.MapToIPv4().ToString(),
        IPEndPoint ip => ip.Address.ToString(),
        { } other => other.ToString() ?? "unknown",
        null => "unknown",
    };
}
