namespace Charla.Server.Hosting;

/// <summary>The server could not start (a port in use, say); the message says why, for a person to fix.</summary>
public sealed class ServerStartException(string message, Exception? inner = null) : Exception(message, inner);
