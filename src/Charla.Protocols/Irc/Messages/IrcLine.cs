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
        var line = new StringBuilder(64);
        if (source is not null)
        {
            line.Append(':').Append(source).Append(' ');
        }

        line.Append(command);
        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i];
            line.Append(' ');
            if (i == parameters.Count - 1 && (trailing || NeedsColon(parameter)))
            {
                line.Append(':');
            }

            line.Append(parameter);
        }

        return line.Append("\r\n").ToString();
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
