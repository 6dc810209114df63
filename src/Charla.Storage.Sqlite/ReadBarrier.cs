namespace Charla.Storage.Sqlite;

/// <summary>
/// A point in the writer's order that stores nothing: it completes once everything appended
/// before it is committed, knowing the last record's place, so a read made after it sees all
/// of that and nothing appended after (a newcomer's replay is what was said before it came).
/// </summary>
internal sealed class ReadBarrier : StoreTicket
{
    /// <summary>The place of the last record committed before it: a read goes up to here.</summary>
    public long Sequence { get; set; }

    /// <summary>For a search: the word index is brought up to <see cref="Sequence"/> before it completes.</summary>
    public bool ForSearch { get; init; }
}
