namespace Charla.Storage;

/// <summary>The store cannot be opened or used; the message says why in one line, for the operator.</summary>
public sealed class StorageException(string message, Exception? inner = null) : Exception(message, inner);
