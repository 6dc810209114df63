using Charla.Core;
using Charla.Protocols.Connections;
using Charla.Protocols.Irc;
using Charla.Server.Configuration;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace Charla.Server.Transports;

/// <summary>Kestrel's entry point for an IRC connection.</summary>
public sealed class IrcConnectionHandler(ChatEngine engine, IrcServerInfo server, CharlaOptions options, ILogger<IrcConnectionHandler> logger)
    : LineConnectionHandler(options, logger)
{
    protected override string ProtocolName => "IRC";

    protected override Task RunAsync(ConnectionContext connection, string remoteHost, TimeSpan drainTimeout) =>
        IrcConnection.RunAsync(engine, server, new PipeTransport(connection.Transport), remoteHost, drainTimeout);
}
