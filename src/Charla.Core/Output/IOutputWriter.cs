namespace Charla.Core.Output;

/// <summary>
/// The transport end of an <see cref="OutputQueue"/>: a socket, or a pipe in tests. Only the
/// queue's single drainer calls it, one call at a time.
/// </summary>
public interface IOutputWriter
{
    /// <summary>
    /// Hands <paramref name="lines"/> to the transport, in order, without blocking. The span and
    /// the bytes it points to are valid only during the call (the queue reuses its own buffers
    /// afterwards): a writer that cannot send everything at once keeps a copy of the rest. The result is complete at once when the transport took everything; otherwise it
    /// completes when the transport has room again (the peer reads slowly). False means the
    /// transport is gone (the writer has closed the session): the queue stops draining.
    /// </summary>
    ValueTask<bool> WriteAsync(ReadOnlySpan<ReadOnlyMemory<byte>> lines);
}
