using Charla.Core.Routing;

namespace Charla.Core.History;

/// <summary>
/// How a stored message of several lines keeps its shape: <c>multiline:</c> and a letter per
/// line, <c>n</c> for a line of its own, <c>c</c> for one that continues the line before
/// (draft/multiline-concat). The record's text holds the lines joined by line breaks.
/// </summary>
public static class MultilineDetail
{
    private const string Prefix = "multiline:";

    public static string Format(IReadOnlyList<MessageLine> lines) =>
        Prefix + string.Concat(lines.Select(l => l.Concat ? 'c' : 'n'));

    /// <summary>The record's text: every line, each after a line break (what <see cref="Parse"/> splits again).</summary>
    public static string StoredText(IReadOnlyList<MessageLine> lines) => string.Join('\n', lines.Select(l => l.Text));

    /// <summary>The lines of a stored multiline message; null if <paramref name="detail"/> does not describe one (or does not fit its text).</summary>
    public static IReadOnlyList<MessageLine>? Parse(string detail, string text)
    {
        if (!detail.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var shape = detail.AsSpan(Prefix.Length);
        var texts = text.Split('\n');
        if (texts.Length != shape.Length)
        {
            return null;
        }

        var lines = new MessageLine[texts.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            lines[i] = new MessageLine(texts[i], shape[i] == 'c');
        }

        return lines;
    }

    /// <summary>The message as one text, as a reader sees it: a line break between lines, none before a continued one.</summary>
    public static string Joined(IReadOnlyList<MessageLine> lines) =>
        string.Concat(lines.Select((l, i) => i == 0 || l.Concat ? l.Text : "\n" + l.Text));
}
