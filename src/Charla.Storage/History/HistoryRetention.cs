namespace Charla.Storage.History;

/// <summary>What history a store keeps: records younger than <paramref name="Days"/> (0: any age), at most <paramref name="MaxRecordsPerConversation"/> per conversation, newest first (0: any number).</summary>
public sealed record HistoryRetention(int Days = 0, int MaxRecordsPerConversation = 0)
{
    /// <summary>Everything is kept.</summary>
    public static readonly HistoryRetention KeepAll = new();

    public bool KeepsAll => Days <= 0 && MaxRecordsPerConversation <= 0;
}
