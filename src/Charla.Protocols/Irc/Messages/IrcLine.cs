using System.Text;

namespace Charla.Protocols.Irc.Messages;

/// <summary>Builds outgoing IRC lines.</summary>
public static class IrcLine
{
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
    /// <see cref="Build"/>); <paramref name="first"/> saves the caller an array for a numeric's target.
    /// </summary>
    internal static void Write(ref Utf8LineWriter line, string? source, string command, string? first, IReadOnlyList<string> parameters, bool trailing)
    {
        WriteHead(ref line, source, command, null);
        if (first is not null)
        {
            WriteParameter(ref line, first, last: parameters.Count == 0, trailing);
        }

        for (var i = 0; i < parameters.Count; i++)
        {
            WriteParameter(ref line, parameters[i], last: i == parameters.Count - 1, trailing);
        }

        line.Append((byte)'\r');
        line.Append((byte)'\n');
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
            line.Append(first);
        }
    }

    private static void WriteParameter(ref Utf8LineWriter line, string parameter, bool last, bool trailing)
    {
        line.Append((byte)' ');
        if (last && (trailing || NeedsColon(parameter)))
        {
            line.Append((byte)':');
        }

        line.Append(parameter);
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
