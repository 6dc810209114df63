using System.IO.Pipelines;
using Charla.Core;
using Charla.Core.Routing;
using Charla.Core.Sessions;

namespace Charla.Protocols.Connections;

/// <summary>A session that runs on a duplex pipe: closing it wakes the connection's loops.</summary>
public abstract class PipeSession(IDuplexPipe transport, WireFormat wireFormat, string host, EngineOptions options, TimeProvider time)
    : ClientSession(wireFormat, host, options, time)
{
    protected override void OnClosing(DisconnectReason reason)
    {
        // Wake the reader loop; it sees IsClosing and winds the connection down.
        transport.Input.CancelPendingRead();
        if (reason.DiscardsOutput)
        {
            // The writer may be stuck flushing to a peer that stopped reading: let it go.
            transport.Output.CancelPendingFlush();
        }
    }
}
