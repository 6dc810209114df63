using Charla.Core;
using Charla.Core.Routing;
using Charla.Core.Sessions;

namespace Charla.Protocols.Connections;

/// <summary>A session on a line transport: closing it wakes the connection's loops.</summary>
public abstract class TransportSession(ILineTransport transport, WireFormat wireFormat, string host, EngineOptions options, TimeProvider time)
    : ClientSession(wireFormat, host, options, time)
{
    protected override void OnClosing(DisconnectReason reason)
    {
        // Wake the reader loop; it sees IsClosing and winds the connection down.
        transport.Input.CancelPendingRead();
        if (reason.DiscardsOutput)
        {
            // A write may be stuck on a peer that stopped reading: let it go.
            transport.AbortOutput();
        }
    }
}
