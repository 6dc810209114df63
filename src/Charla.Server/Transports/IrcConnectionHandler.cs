using Charla.Core;
using Charla.Protocols.Irc;
using Charla.Server.Configuration;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace Charla.Server.Transports;

/// <summary>Kestrel's entry point for an IRC connection: tune the socket, run the protocol.</summary>
public sealed class IrcConnectionHandler(ChatEngine engine, IrcServerInfo server, CharlaOptions options, ILogger<IrcConnectionHandler> logger)
    : ConnectionHandler
{
    private readonly TimeSpan _drainTimeout = TimeSpan.FromSeconds(options.Tcp.DrainTimeoutSeconds);

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        SocketTuning.Apply(connection, options.Tcp);
        try
        {
            await IrcConnection.RunAsync(engine, server, connection.Transport, PlainConnectionHandler.RemoteHost(connection), _drainTimeout);
        }
        catch (Exception ex)
        {
            // A bug in one connection ends that connection only; the session was already detached.
            logger.LogError(ex, "IRC connection {ConnectionId} from {Remote} failed", connection.ConnectionId, connection.RemoteEndPoint);
        }
    }
}
