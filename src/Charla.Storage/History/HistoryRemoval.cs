namespace Charla.Storage.History;

/// <summary>
/// A message to take out of history and out of search (IRCv3 message redaction), in the
/// writer's order with everything else: completed once that is on disk.
/// </summary>
public sealed class HistoryRemoval(string conversation, string messageId) : StoreTicket
{
    public string Conversation { get; } = conversation;

    public string MessageId { get; } = messageId;

    /// <summary>Once completed and stored: whether the message was there to remove.</summary>
    public bool Found { get; set; }
}
