namespace Charla.Storage.History;

/// <summary>
/// A search of stored messages (soju.im/search, plain mode's /search): the newest up to
/// <paramref name="Limit"/> messages in <paramref name="Conversations"/> that hold every word of
/// <paramref name="Text"/> (if given), from <paramref name="From"/> (a nick, if given), strictly
/// between <paramref name="After"/> and <paramref name="Before"/> (if given); returned oldest first.
/// </summary>
public sealed record HistorySearch(
    IReadOnlyList<string> Conversations, string? Text, string? From, DateTimeOffset? After, DateTimeOffset? Before, int Limit);
