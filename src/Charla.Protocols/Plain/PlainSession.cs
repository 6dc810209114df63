using System.IO.Pipelines;
using Charla.Core;
using Charla.Core.Sessions;

namespace Charla.Protocols.Plain;

/// <summary>A plain-mode client: the core's session plus the pipe its connection runs on.</summary>
public sealed class PlainSession : ClientSession
{
    private readonly IDuplexPipe _transport;
    private readonly TimeSpan _idleTimeout;

    public PlainSession(IDuplexPipe transport, string host, PlainOptions options, EngineOptions engineOptions, TimeProvider time)
        : base(PlainWireFormat.Instance, host, engineOptions, time)
    {
        _transport = transport;
        _idleTimeout = TimeSpan.FromSeconds(options.IdleTimeoutSeconds);
    }

    /// <summary>Queues one server line to this client.</summary>
    public void Reply(string line) => Send(PlainReplies.Encode(line));

    public override void CheckLiveness(long nowTimestamp)
    {
        if (_idleTimeout > TimeSpan.Zero && IdleFor(nowTimestamp) > _idleTimeout)
        {
            Close(DisconnectReason.IdleTimeout(_idleTimeout));
        }
    }

    protected override void OnClosing(DisconnectReason reason)
    {
        // Wake the reader loop; it sees IsClosing and winds the connection down.
        _transport.Input.CancelPendingRead();
        if (reason.DiscardsOutput)
        {
            // The writer may be stuck flushing to a peer that stopped reading: let it go.
            _transport.Output.CancelPendingFlush();
        }
    }
}
