using Charla.Core.Channels;
using Charla.Core.Sessions;
using Charla.Storage;

namespace Charla.Core.Routing;

/// <summary>
/// Something that happened in the core and that other clients are told about. Each protocol's
/// <see cref="WireFormat"/> turns it into bytes; the core never does.
/// </summary>
/// <param name="Source">The session the event comes from.</param>
/// <param name="SourceNick">Its nickname when the event happened (a later rename must not change it).</param>
public abstract record ChatEvent(ClientSession Source, string SourceNick)
{
    private DateTimeOffset _time;

    /// <summary>When the server handled it (IRCv3 server-time); the engine stamps it.</summary>
    public DateTimeOffset Time { get => _time; init => _time = value; }

    /// <summary>Moves the time on, before anyone is told (a channel keeps its stored times in order).</summary>
    internal void MoveTo(DateTimeOffset time) => _time = time;

    /// <summary>A unique id (IRCv3 msgid).</summary>
    public string MessageId { get; init; } = MessageIds.Next();

    /// <summary>
    /// When the event is kept in history: says when it is on disk. The sender's acknowledgement
    /// waits for it; null when nothing is stored.
    /// </summary>
    public StoreTicket? Stored { get; init; }
}

/// <summary>How a message is meant: a line of talk, an action (<c>/me</c>), or a notice.</summary>
public enum MessageKind
{
    Normal,
    Action,
    Notice,
    /// <summary>Tags only, no text (IRCv3 TAGMSG): only clients that read tags see it.</summary>
    TagsOnly,
}

/// <summary>A line of text to a channel; with <see cref="OnlyTo"/>, to its operators or voiced members only (IRC STATUSMSG).</summary>
/// <param name="ClientTags">The sender's client-only tags (<c>+draft/reply=...</c>), escaped as on the wire, or empty.</param>
public sealed record MessageEvent(
    ClientSession Source, string SourceNick, Channel Channel, string Text, MessageKind Kind, MemberStatus OnlyTo = MemberStatus.None, string ClientTags = "")
    : ChatEvent(Source, SourceNick);

/// <summary>One line of a multiline message: its text, and whether it continues the line before it without a line break.</summary>
public readonly record struct MessageLine(string Text, bool Concat);

/// <summary>
/// A message of several lines (IRCv3 draft/multiline), to a channel (<see cref="Channel"/>) or to
/// a user (<see cref="Target"/>): one message, one msgid, delivered whole.
/// </summary>
/// <param name="TargetName">The channel's name or the recipient's nick, as the lines name it.</param>
public sealed record MultilineMessageEvent(
    ClientSession Source, string SourceNick, Channel? Channel, ClientSession? Target, string TargetName, IReadOnlyList<MessageLine> Lines,
    MemberStatus OnlyTo = MemberStatus.None, string ClientTags = "")
    : ChatEvent(Source, SourceNick)
{
    /// <summary>The lines joined: a line break between lines, none before a concatenated one.</summary>
    public string Text => History.MultilineDetail.Joined(Lines);
}

/// <summary>A member's standing in a channel, lowest first.</summary>
public enum MemberStatus
{
    None,
    Voiced,
    Operator,
}

/// <summary>A session joined a channel.</summary>
public sealed record JoinEvent(ClientSession Source, string SourceNick, Channel Channel)
    : ChatEvent(Source, SourceNick);

/// <summary>A session left the server; its peers are told once each.</summary>
public sealed record QuitEvent(ClientSession Source, string SourceNick, DisconnectReason Reason)
    : ChatEvent(Source, SourceNick);

/// <summary>A session changed its nickname from <see cref="ChatEvent.SourceNick"/> to <see cref="NewNick"/>.</summary>
public sealed record NickChangeEvent(ClientSession Source, string SourceNick, string NewNick)
    : ChatEvent(Source, SourceNick);

/// <summary>A session left a channel (and stays connected).</summary>
public sealed record PartEvent(ClientSession Source, string SourceNick, Channel Channel, string Reason)
    : ChatEvent(Source, SourceNick);

/// <summary>A line of text from one session to another.</summary>
public sealed record PrivateMessageEvent(
    ClientSession Source, string SourceNick, ClientSession Target, string TargetNick, string Text, MessageKind Kind, string ClientTags = "")
    : ChatEvent(Source, SourceNick);

/// <summary>A user went away (with a message) or came back (null).</summary>
public sealed record AwayEvent(ClientSession Source, string SourceNick, string? Message)
    : ChatEvent(Source, SourceNick);

/// <summary>A user changed its real name (IRCv3 setname).</summary>
public sealed record RealNameEvent(ClientSession Source, string SourceNick, string RealName)
    : ChatEvent(Source, SourceNick);

/// <summary>A session set (or cleared, with empty text) a channel's topic.</summary>
public sealed record TopicEvent(ClientSession Source, string SourceNick, Channel Channel, string Text)
    : ChatEvent(Source, SourceNick);

/// <summary>A channel's settings or member statuses changed: the changes applied, in order.</summary>
public sealed record ChannelModeEvent(ClientSession Source, string SourceNick, Channel Channel, IReadOnlyList<ModeChange> Changes)
    : ChatEvent(Source, SourceNick);

/// <summary>A channel was renamed (IRCv3 draft/channel-rename): same members, modes and topic, a new name.</summary>
public sealed record RenameEvent(ClientSession Source, string SourceNick, Channel Channel, string OldName, string NewName, string Reason)
    : ChatEvent(Source, SourceNick);

/// <summary>A message said in a channel was taken back (IRCv3 message redaction), by its sender or an operator.</summary>
/// <param name="MessageIdRedacted">The msgid of the message taken back.</param>
public sealed record RedactEvent(ClientSession Source, string SourceNick, Channel Channel, string MessageIdRedacted, string Reason)
    : ChatEvent(Source, SourceNick);

/// <summary>A member was put out of a channel by another.</summary>
public sealed record KickEvent(ClientSession Source, string SourceNick, Channel Channel, string TargetNick, string Reason)
    : ChatEvent(Source, SourceNick);

/// <summary>A user was invited to a channel: the invitee is told, and so are the members (who may show it or not).</summary>
public sealed record InviteEvent(ClientSession Source, string SourceNick, Channel Channel, string TargetNick)
    : ChatEvent(Source, SourceNick)
{
    /// <summary>Who this copy is for: the invitee, or the channel's members (IRCv3 invite-notify).</summary>
    public InviteAudience Audience { get; init; } = InviteAudience.Invitee;
}

/// <summary>Who an <see cref="InviteEvent"/> copy is for.</summary>
public enum InviteAudience
{
    Invitee,
    ChannelMembers,
}

/// <summary>A user's user name and host were changed (IRC CHGHOST); the event carries the old ones in its source prefix.</summary>
public sealed record HostChangeEvent(ClientSession Source, string SourceNick, string OldUserName, string OldHost, string NewUserName, string NewHost)
    : ChatEvent(Source, SourceNick);

/// <summary>
/// A watched nick came online (<paramref name="Online"/>) or went offline (IRC MONITOR). For a
/// nick coming online, the source is the session now holding it; going offline, the one that held it.
/// </summary>
/// <param name="Nick">The nick as its holder has it (the old nick, for the half of a rename that goes offline).</param>
public sealed record PresenceEvent(ClientSession Source, string SourceNick, string Nick, bool Online)
    : ChatEvent(Source, SourceNick);

/// <summary>
/// <paramref name="Inner"/> as told to a session that watches its source's nick but shares no
/// channel with it (IRCv3 extended-monitor): protocols show it only to clients that asked.
/// </summary>
public sealed record WatchedEvent(ChatEvent Inner)
    : ChatEvent(Inner.Source, Inner.SourceNick);

/// <summary>
/// A metadata key of a user or channel named <paramref name="Target"/> was set to
/// <paramref name="Value"/>, or removed (null): told to those who subscribed to the key.
/// </summary>
public sealed record MetadataEvent(ClientSession Source, string SourceNick, string Target, string Key, string? Value)
    : ChatEvent(Source, SourceNick);

/// <summary>A message from a server operator to everyone who wants such messages (IRC WALLOPS).</summary>
public sealed record WallopsEvent(ClientSession Source, string SourceNick, string Text)
    : ChatEvent(Source, SourceNick);
