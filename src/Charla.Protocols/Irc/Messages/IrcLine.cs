using System.Buffers;
using System.Text;

namespace Charla.Protocols.Irc.Messages;

/// <summary>
/// Builds outgoing IRC lines, and is where the grammar is enforced on them whatever text they
/// carry (RFC 1459 section 2.3.1, modern.ircdocs.horse "Messages"):
/// <list type="bullet">
/// <item>a middle parameter is never empty, never holds a space and never starts with ':'
/// (client text that would break that, like <c>WHOIS :a b</c>, is sent as <c>*</c>);</item>
/// <item>no CR, LF or NUL inside a line (<see cref="Utf8LineWriter.EndLine"/>);</item>
/// <item>at most 512 bytes with CR LF, tags aside: what overflows is cut from the last
/// parameter first (the text), then from the longest middle ones, at character boundaries, as
/// the Modern docs let a server truncate.</item>
/// </list>
/// </summary>
public static class IrcLine
{
    private static readonly SearchValues<char> NotInMiddle = SearchValues.Create(" \r\n\0");

    /// <summary>
    /// <c>[:source] COMMAND p1 p2 ... :last</c> with CR LF. The last parameter gets its colon when
    /// it must (empty, has a space, starts with ':') or when <paramref name="trailing"/> says it is text.
    /// </summary>
    public static string Build(string? source, string command, IReadOnlyList<string> parameters, bool trailing = false)
    {
        var line = new Utf8LineWriter();
        Write(ref line, source, command, null, parameters, trailing);
        return line.ToText();
    }

    /// <summary>
    /// Writes <c>[:source] COMMAND [first] p1 p2 ... :last</c> with CR LF as UTF-8 (see
    /// <see cref="Build"/>); <paramref name="first"/> saves the caller an array for a numeric's
    /// target. What the writer holds before the call (tags) does not count towards the limit.
    /// </summary>
    internal static void Write(ref Utf8LineWriter line, string? source, string command, string? first, IReadOnlyList<string> parameters, bool trailing)
    {
        var start = line.Length;
        WriteMessage(ref line, source, command, first, parameters, trailing);
        if (line.Length - start > IrcLimits.MaxMessageBytes)
        {
            // Rare (client text near the limit echoed with a longer prefix): shorten and write again.
            var (shortFirst, shortParameters) = Shorten(line.Length - start - IrcLimits.MaxMessageBytes, first, parameters);
            line.Truncate(start);
            WriteMessage(ref line, source, command, shortFirst, shortParameters, trailing);
            if (line.Length - start > IrcLimits.MaxMessageBytes)
            {
                line.Truncate(line.CharBoundaryAtOrBefore(start + IrcLimits.MaxMessageBytes)); // only a huge source or command is left
            }
        }

        line.EndLine();
    }

    /// <summary>Writes <c>[:source] COMMAND[ first]</c>, for a line whose parameters the caller writes itself.</summary>
    internal static void WriteHead(ref Utf8LineWriter line, string? source, string command, string? first)
    {
        if (source is not null)
        {
            line.Append((byte)':');
            line.Append(source);
            line.Append((byte)' ');
        }

        line.Append(command);
        if (first is not null)
        {
            line.Append((byte)' ');
            line.Append(Middle(first));
        }
    }

    private static void WriteMessage(ref Utf8LineWriter line, string? source, string command, string? first, IReadOnlyList<string> parameters, bool trailing)
    {
        if (first is not null && parameters.Count == 0)
        {
            WriteHead(ref line, source, command, null);
            WriteParameter(ref line, first, last: true, trailing);
            return;
        }

        WriteHead(ref line, source, command, first);
        for (var i = 0; i < parameters.Count; i++)
        {
            WriteParameter(ref line, parameters[i], last: i == parameters.Count - 1, trailing);
        }
    }

    private static void WriteParameter(ref Utf8LineWriter line, string parameter, bool last, bool trailing)
    {
        line.Append((byte)' ');
        if (!last)
        {
            line.Append(Middle(parameter));
            return;
        }

        if (trailing || NeedsColon(parameter))
        {
            line.Append((byte)':');
        }

        line.Append(parameter);
    }

    /// <summary>A middle parameter as it may go out: as it is when valid, else <c>*</c>.</summary>
    public static string Middle(string parameter) =>
        parameter.Length == 0 || parameter[0] == ':' || parameter.AsSpan().ContainsAny(NotInMiddle) ? "*" : parameter;

    /// <summary>
    /// The parameters shortened by <paramref name="over"/> bytes: the last one first, then the
    /// longest middle ones (never below one character).
    /// </summary>
    private static (string? First, string[] Parameters) Shorten(int over, string? first, IReadOnlyList<string> parameters)
    {
        var all = new List<string>(parameters.Count + 1);
        if (first is not null)
        {
            all.Add(first);
        }

        all.AddRange(parameters);
        over++; // a last parameter cut to nothing needs a colon
        var last = all.Count - 1;
        while (over > 0 && last >= 0)
        {
            var lastBytes = Encoding.UTF8.GetByteCount(all[last]);
            var index = lastBytes > 0 ? last : LongestMiddle(all, last);
            if (index < 0)
            {
                break;
            }

            var bytes = Encoding.UTF8.GetByteCount(all[index]);
            var keep = Math.Max(index == last ? 0 : 1, bytes - over);
            var shortened = CutUtf8(all[index], keep);
            over -= bytes - Encoding.UTF8.GetByteCount(shortened);
            if (shortened.Length == all[index].Length)
            {
                break; // nothing more to cut
            }

            all[index] = shortened;
        }

        return first is null ? (null, all.ToArray()) : (all[0], all.Skip(1).ToArray());
    }

    private static int LongestMiddle(List<string> all, int last)
    {
        var longest = -1;
        for (var i = 0; i < last; i++)
        {
            if (all[i].Length > 1 && (longest < 0 || all[i].Length > all[longest].Length))
            {
                longest = i;
            }
        }

        return longest;
    }

    /// <summary>The longest start of <paramref name="text"/> that is at most <paramref name="maxBytes"/> of UTF-8, whole characters only.</summary>
    public static string CutUtf8(string text, int maxBytes)
    {
        var bytes = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var width = char.IsSurrogatePair(text, i) ? 4 : text[i] switch
            {
                < '\u0080' => 1,
                < '\u0800' => 2,
                _ => 3,
            };
            if (bytes + width > maxBytes)
            {
                return text[..i];
            }

            bytes += width;
            if (width == 4)
            {
                i++;
            }
        }

        return text;
    }

    public static byte[] Encode(string line) => Encoding.UTF8.GetBytes(line);

    /// <summary>nick!user@host, the source of a user's messages.</summary>
    public static string Prefix(string nick, string user, string host) => $"{nick}!{user}@{host}";

    /// <summary>
    /// A host as IRC can carry it: an IPv6 address starting with ':' (like <c>::1</c>) would read
    /// as a trailing parameter in WHO replies, so it gets a leading 0, as ircds do.
    /// </summary>
    public static string Host(string host) => host.StartsWith(':') ? "0" + host : host;

    private static bool NeedsColon(string parameter) =>
        parameter.Length == 0 || parameter[0] == ':' || parameter.Contains(' ', StringComparison.Ordinal);
}
