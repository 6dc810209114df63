using System.IO.Pipelines;
using Charla.Core;
using Charla.Core.Sessions;
using Charla.Protocols.Connections;

namespace Charla.Protocols.Plain;

/// <summary>A plain-mode client: the core's session plus the pipe its connection runs on.</summary>
public sealed class PlainSession(IDuplexPipe transport, string host, PlainOptions options, EngineOptions engineOptions, TimeProvider time)
    : PipeSession(transport, PlainWireFormat.Instance, host, engineOptions, time)
{
    private readonly TimeSpan _idleTimeout = TimeSpan.FromSeconds(options.IdleTimeoutSeconds);

    /// <summary>Queues one server line to this client.</summary>
    public void Reply(string line) => Send(PlainReplies.Encode(line));

    public override void CheckLiveness(long nowTimestamp)
    {
        if (_idleTimeout > TimeSpan.Zero && IdleFor(nowTimestamp) > _idleTimeout)
        {
            Close(DisconnectReason.IdleTimeout(_idleTimeout));
        }
    }
}
