namespace Charla.Protocols.Connections;

/// <summary>
/// Told once when a connection has ended and its transport is closed: how the server that
/// accepted it counts and logs connections without an awaiting wrapper (an async state machine
/// per connection) of its own.
/// </summary>
public interface IConnectionObserver
{
    /// <param name="transport">The connection's transport, closed (or failed to close).</param>
    /// <param name="remoteHost">Where the client came from.</param>
    /// <param name="failure">What went wrong inside Charla, if the connection ended on an error of its own.</param>
    void OnEnded(ILineTransport transport, string remoteHost, Exception? failure);
}
