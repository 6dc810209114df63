namespace Charla.Protocols.Irc;

/// <summary>
/// The capabilities that change how events are written for a client. Each combination is one
/// wire form (<see cref="IrcWireFormats.For"/>): a broadcast is encoded once per form in use.
/// </summary>
[Flags]
public enum IrcFeatures
{
    None = 0,
    /// <summary>message-tags: msgid and client tags on messages; TAGMSG.</summary>
    MessageTags = 1,
    /// <summary>server-time: a time tag on every event.</summary>
    ServerTime = 2,
    /// <summary>extended-join: JOIN carries the account and real name.</summary>
    ExtendedJoin = 4,
    /// <summary>away-notify: AWAY changes of channel peers.</summary>
    AwayNotify = 8,
    /// <summary>invite-notify: invitations to channels the client is in.</summary>
    InviteNotify = 16,
    /// <summary>setname: real-name changes of channel peers.</summary>
    Setname = 32,
    /// <summary>chghost: CHGHOST when a peer's user name or host changes.</summary>
    Chghost = 64,
    /// <summary>draft/extended-monitor: AWAY, SETNAME, CHGHOST of monitored nicks too (with their own caps).</summary>
    ExtendedMonitor = 128,
    /// <summary>draft/channel-rename: RENAME lines (others see the channel parted and joined again).</summary>
    ChannelRename = 256,
    /// <summary>draft/multiline with batch: multiline messages as a draft/multiline batch (others get the lines one by one).</summary>
    Multiline = 512,
    /// <summary>draft/message-redaction: REDACT when a message is taken back.</summary>
    MessageRedaction = 1024,
    All = 2047,
}
