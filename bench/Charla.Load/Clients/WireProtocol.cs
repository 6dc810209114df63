namespace Charla.Load.Clients;

/// <summary>Which protocol the load clients speak.</summary>
public enum WireProtocol
{
    /// <summary>IRC: NICK/USER, JOIN, PRIVMSG to a channel.</summary>
    Irc,
    /// <summary>Charla's plain mode: every line goes to the lobby, the sender gets (OK).</summary>
    Plain,
}
