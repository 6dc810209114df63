namespace Charla.Server.Configuration;

/// <summary>The configuration cannot be used; the message says why, for a person to fix.</summary>
public sealed class ConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
