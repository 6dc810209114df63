namespace Charla.Storage.History;

/// <summary>
/// Reads history back. Reads never wait for the writer, and the writer never waits for them. A
/// read the store cannot make fails with a <see cref="StorageException"/>.
/// </summary>
public interface IHistoryReader
{
    /// <summary>
    /// The records <paramref name="query"/> asks for, oldest first, as of this call: everything
    /// appended before it (the read waits until that is committed), nothing appended after.
    /// </summary>
    Task<IReadOnlyList<HistoryRecord>> ReadAsync(HistoryQuery query, CancellationToken cancellationToken = default);

    /// <summary>The messages <paramref name="search"/> finds, as of this call, oldest first (each with its conversation).</summary>
    Task<IReadOnlyList<HistoryRecord>> SearchAsync(HistorySearch search, CancellationToken cancellationToken = default);

    /// <summary>
    /// For each of <paramref name="conversations"/> with a message strictly between
    /// <paramref name="start"/> and <paramref name="finish"/> (either way round), the time of its
    /// latest such message (IRCv3 CHATHISTORY TARGETS).
    /// </summary>
    Task<IReadOnlyList<ConversationActivity>> ActivityAsync(IReadOnlyList<string> conversations, DateTimeOffset start, DateTimeOffset finish, CancellationToken cancellationToken = default);
}

/// <summary>A conversation and when its latest message (in the asked span) was said.</summary>
public readonly record struct ConversationActivity(string Conversation, DateTimeOffset Latest);

/// <summary>Which way from where a history read goes.</summary>
public enum HistoryDirection
{
    /// <summary>The newest records (after <see cref="HistoryQuery.From"/>, if given).</summary>
    Latest,
    /// <summary>The newest records before <see cref="HistoryQuery.From"/>.</summary>
    Before,
    /// <summary>The oldest records after <see cref="HistoryQuery.From"/>.</summary>
    After,
    /// <summary>Records around <see cref="HistoryQuery.From"/>: it (or those up to its time) and as many after as before.</summary>
    Around,
    /// <summary>
    /// Records strictly between <see cref="HistoryQuery.From"/> and <see cref="HistoryQuery.To"/>:
    /// the oldest of them when From is the earlier, the newest when it is the later.
    /// </summary>
    Between,
}

/// <summary>A point in a conversation: a message by its msgid, or a moment.</summary>
public readonly record struct HistoryAnchor(string? MessageId, DateTimeOffset? Time)
{
    public static HistoryAnchor ById(string messageId) => new(messageId, null);

    public static HistoryAnchor At(DateTimeOffset time) => new(null, time);
}

/// <summary>A read of one conversation's history.</summary>
/// <param name="Limit">At most this many records (the newest of them, for <see cref="HistoryDirection.Latest"/> and <see cref="HistoryDirection.Before"/>).</param>
/// <param name="IncludeEvents">Channel events too (JOIN, PART, ...), not only messages.</param>
/// <param name="To">The other end, for <see cref="HistoryDirection.Between"/>.</param>
public sealed record HistoryQuery(string Conversation, HistoryDirection Direction, HistoryAnchor? From, int Limit, bool IncludeEvents = false, HistoryAnchor? To = null);
