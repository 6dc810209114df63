namespace Charla.Core.Sessions;

/// <summary>The outcome of admitting a session to the engine.</summary>
public enum AttachResult
{
    Attached,
    /// <summary>The nickname asked for is held by another session; nothing happened.</summary>
    NickInUse,
    /// <summary>The server is going down and admits nobody.</summary>
    ShuttingDown,
    /// <summary>A server ban matches the session; it is closed with the ban's reason.</summary>
    Banned,
}
