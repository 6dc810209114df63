using System.Buffers;
using System.Text;

namespace Charla.Protocols.Plain;

/// <summary>
/// Text from IRC made safe for a plain-mode terminal: plain mode refuses control characters
/// from its own users (they could redraw or beep another's terminal, or end a line early), so
/// the same must hold for what reaches them from IRC.
/// </summary>
public static class PlainText
{
    private static readonly SearchValues<char> Controls = SearchValues.Create(
        Enumerable.Range(0, 0x20).Where(c => c != '\t').Select(c => (char)c)
            .Concat(Enumerable.Range(0x7F, 0x21).Select(c => (char)c)).ToArray());

    /// <summary>
    /// <paramref name="text"/> without IRC formatting (bold, colours with their numbers, italics,
    /// underline, reverse, reset: modern.ircdocs.horse/formatting) and without any other C0 or C1
    /// control character or DEL (tab stays). Text without any is returned as it is.
    /// </summary>
    public static string Clean(string text)
    {
        var first = text.AsSpan().IndexOfAny(Controls);
        if (first < 0)
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        clean.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (!Controls.Contains(c))
            {
                clean.Append(c);
            }
            else if (c == '\u0003')
            {
                i = SkipColours(text, i, IsDigit, maxDigits: 2);
            }
            else if (c == '\u0004')
            {
                i = SkipColours(text, i, char.IsAsciiHexDigit, maxDigits: 6);
            }
        }

        return clean.ToString();
    }

    private static bool IsDigit(char c) => char.IsAsciiDigit(c);

    /// <summary>After a colour code at <paramref name="at"/>: "fg" or "fg,bg", each up to <paramref name="maxDigits"/>; the index of the last char taken.</summary>
    private static int SkipColours(string text, int at, Func<char, bool> digit, int maxDigits)
    {
        var end = SkipDigits(text, at + 1, digit, maxDigits);
        if (end > at + 1 && end + 1 < text.Length && text[end] == ',' && digit(text[end + 1]))
        {
            end = SkipDigits(text, end + 1, digit, maxDigits);
        }

        return end - 1;
    }

    private static int SkipDigits(string text, int at, Func<char, bool> digit, int maxDigits)
    {
        var end = at;
        while (end < text.Length && end - at < maxDigits && digit(text[end]))
        {
            end++;
        }

        return end;
    }
}
