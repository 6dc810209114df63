using System.Globalization;
using Charla.Core.History;
using Charla.Storage;
using Charla.Storage.History;

namespace Charla.Protocols.Plain.History;

/// <summary>
/// The lobby's history as plain mode shows it: a header, each line stamped with its time in
/// brackets (so it cannot be taken for something said now), and an end line.
/// <code>
/// * Earlier in the lobby (2 lines):
/// [2026-12-06 14:03 UTC] ra: hello
/// [2026-12-06 14:04 UTC] * bo waves
/// * End of history.
/// </code>
/// </summary>
internal static class PlainHistory
{
    /// <summary>The most lines <c>/history</c> shows.</summary>
    public const int MaxLines = 100;

    /// <summary>
    /// The last <paramref name="count"/> messages of <paramref name="conversation"/> as a block
    /// (see <see cref="RenderAsync(Func{Task{IReadOnlyList{HistoryRecord}}}, string, string?)"/>).
    /// </summary>
    public static Task<ReadOnlyMemory<byte>> LatestAsync(IHistoryReader history, string conversation, int count, string header, string? whenEmpty) =>
        RenderAsync(() => history.ReadAsync(new HistoryQuery(conversation, HistoryDirection.Latest, null, count)), header, whenEmpty);

    /// <summary>
    /// What <paramref name="read"/> finds as a block; <paramref name="whenEmpty"/> (or nothing) if
    /// nothing; an error line if the store cannot be read. The read is asked for now, before
    /// this returns (it sees what was said up to this call).
    /// </summary>
    public static async Task<ReadOnlyMemory<byte>> RenderAsync(Func<Task<IReadOnlyList<HistoryRecord>>> read, string header, string? whenEmpty)
    {
        IReadOnlyList<HistoryRecord> records;
        try
        {
            records = await read();
        }
        catch (StorageException)
        {
            return PlainReplies.Encode(PlainReplies.Error("History cannot be read now; try again later."));
        }

        if (records.Count == 0)
        {
            return whenEmpty is null ? ReadOnlyMemory<byte>.Empty : PlainReplies.Encode(whenEmpty);
        }

        var shown = records.SelectMany(Lines).ToList();
        var block = new List<byte>();
        block.AddRange(PlainReplies.Encode($"{header} ({(shown.Count == 1 ? "1 line" : $"{shown.Count} lines")}):"));
        foreach (var line in shown)
        {
            block.AddRange(PlainReplies.Encode(line));
        }

        block.AddRange(PlainReplies.Encode("* End of history."));
        return block.ToArray();
    }

    /// <summary>One stored message as plain-mode lines, each with its time (a message of several lines as live: blank ones left out).</summary>
    public static IEnumerable<string> Lines(HistoryRecord record)
    {
        var stamp = "[" + record.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC] ";
        if (MultilineDetail.Parse(record.Detail, record.Text) is { } parts)
        {
            return MultilineDetail.Joined(parts).Split('\n').Where(l => l.Length > 0).Select(l => $"{stamp}{record.Nick}: {l}");
        }

        return
        [
            record.Kind switch
            {
                HistoryKind.Action => $"{stamp}* {record.Nick} {record.Text}",
                HistoryKind.Notice => $"{stamp}-{record.Nick}- {record.Text}",
                _ => $"{stamp}{record.Nick}: {record.Text}",
            },
        ];
    }
}
