using Charla.Core;
using Charla.Protocols.Connections;
using Charla.Protocols.Plain;
using Charla.Server.Configuration;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace Charla.Server.Transports;

/// <summary>Kestrel's entry point for a plain-mode TCP connection.</summary>
public sealed class PlainConnectionHandler(ChatEngine engine, CharlaOptions options, ILogger<PlainConnectionHandler> logger)
    : LineConnectionHandler(options, logger)
{
    private readonly PlainOptions _plain = options.Plain;

    protected override string ProtocolName => "Plain";

    protected override Task RunAsync(ConnectionContext connection, string remoteHost, TimeSpan drainTimeout) =>
        PlainConnection.RunAsync(engine, _plain, new PipeTransport(connection.Transport), remoteHost, drainTimeout);
}
