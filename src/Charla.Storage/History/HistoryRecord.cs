namespace Charla.Storage.History;

/// <summary>
/// One thing said or done in a conversation, as stored: a message (PRIVMSG, NOTICE, ACTION) or
/// a channel event that history replays (JOIN, PART, QUIT, KICK, NICK, TOPIC, MODE). As a
/// <see cref="StoreTicket"/>, it says when it is on disk.
/// </summary>
public sealed class HistoryRecord : StoreTicket
{
    /// <summary>
    /// Which conversation it belongs to (<see cref="ConversationKeys"/>): a channel's life, not its
    /// name, so a channel that dies and is made again starts with no history, and a renamed one keeps its own.
    /// </summary>
    public required string Conversation { get; init; }

    /// <summary>The channel's name when it happened (as the members saw it).</summary>
    public required string Target { get; init; }

    /// <summary>The IRCv3 msgid members got.</summary>
    public required string MessageId { get; init; }

    /// <summary>The server time members got.</summary>
    public required DateTimeOffset Time { get; set; }

    public required HistoryKind Kind { get; init; }

    public required string Nick { get; init; }

    public string User { get; init; } = string.Empty;

    public string Host { get; init; } = string.Empty;

    /// <summary>The sender's account, once accounts exist; null for none.</summary>
    public string? Account { get; init; }

    /// <summary>The message's text, or the event's (a part or quit reason, a topic, a kick reason); empty for none.</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>The sender's client-only tags as on the wire (<c>+draft/reply=...</c>), or empty.</summary>
    public string ClientTags { get; init; } = string.Empty;

    /// <summary>What else the event needs: the kicked nick, the new nick, the mode changes; empty for none.</summary>
    public string Detail { get; init; } = string.Empty;

    /// <summary>Its place in the store's one order, once stored (0 before).</summary>
    public long Sequence { get; set; }
}

/// <summary>What a <see cref="HistoryRecord"/> is. The numbers are stored: never reuse one.</summary>
public enum HistoryKind
{
    Privmsg = 1,
    Notice = 2,
    Action = 3,
    Join = 10,
    Part = 11,
    Quit = 12,
    Kick = 13,
    Nick = 14,
    Topic = 15,
    Mode = 16,
}

/// <summary>Kinds of records, grouped.</summary>
public static class HistoryKinds
{
    /// <summary>Whether <paramref name="kind"/> is something said (not a channel event).</summary>
    public static bool IsMessage(HistoryKind kind) => kind is HistoryKind.Privmsg or HistoryKind.Notice or HistoryKind.Action;
}
