using System.IO.Pipelines;
using Charla.Core.Output;

namespace Charla.Protocols.Connections;

/// <summary>
/// A byte stream to one client, as <see cref="LineConnection"/> uses it: a socket in the server
/// (Charla.Server's socket transport), a pair of in-memory pipes in tests.
/// </summary>
public interface ILineTransport
{
    /// <summary>What the client sends. <see cref="PipeReader.CancelPendingRead"/> wakes the reader loop.</summary>
    PipeReader Input { get; }

    /// <summary>Where the client's output queue writes.</summary>
    IOutputWriter Output { get; }

    /// <summary>Gives up on output the peer does not take (a write waiting on it ends with false). MUST NOT block.</summary>
    void AbortOutput();

    /// <summary>Closes the stream once the connection is done (after its output was drained or abandoned).</summary>
    ValueTask CloseAsync();
}
