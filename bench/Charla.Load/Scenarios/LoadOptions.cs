using System.Net;
using Charla.Load.Clients;
using Charla.Load.Measure;

namespace Charla.Load.Scenarios;

/// <summary>What every scenario needs: where the server is, how to talk to it, and how to watch it.</summary>
public sealed record LoadOptions(IPEndPoint Server, WireProtocol Protocol, string ServerLabel, ServerProcess Process, TimeSpan Settle)
{
    /// <summary>Clients connected at once during setup: fast without a SYN storm on the listener.</summary>
    public const int ConnectConcurrency = 50;
}
