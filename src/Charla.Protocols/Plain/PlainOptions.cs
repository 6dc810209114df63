namespace Charla.Protocols.Plain;

/// <summary>Plain mode (the original line protocol). Bound from the <c>Plain</c> configuration section.</summary>
public sealed class PlainOptions
{
    /// <summary>TCP port; 5556 as the original chat used. 0 picks a free port (tests).</summary>
    public int Port { get; set; } = 5556;

    /// <summary>
    /// Longest line a client may send, in bytes of UTF-8, not counting <c>\n</c> or <c>\r\n</c>.
    /// 400 leaves room for an IRC prefix and command around the same text within IRC's 512-byte
    /// line, so every plain message can reach IRC users whole.
    /// </summary>
    public int MaxLineBytes { get; set; } = 400;

    /// <summary>
    /// Drop a client that has sent nothing for this many seconds; 0 (the default) never does,
    /// because a person reading the lobby is silent. Dead peers are still found by TCP
    /// keepalive (see the server's <c>Tcp</c> options), which needs nothing from the client.
    /// </summary>
    public int IdleTimeoutSeconds { get; set; }

    /// <summary>
    /// The room plain-mode users are in, which IRC users join by this name. A channel name:
    /// '#' and up to 49 more characters, no space, comma or colon.
    /// </summary>
    public string Lobby { get; set; } = "#lobby";

    /// <summary>
    /// Lines of the lobby's history a plain-mode user is shown on connecting, after the welcome
    /// (stamped with their times, so they are not taken for new messages). 0 shows none.
    /// </summary>
    public int ReplayLines { get; set; } = 20;

    /// <summary>
    /// Nicks that moderate the lobby, besides server operators: its operators in IRC (KICK,
    /// MODE), and /kick, /mute, /ban in plain mode. By nick until accounts exist: give such a
    /// nick only to someone who is connected whenever it matters.
    /// </summary>
    public string[] Moderators { get; set; } = [];
}
