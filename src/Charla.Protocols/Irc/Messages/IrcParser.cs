namespace Charla.Protocols.Irc.Messages;

/// <summary>
/// Parses one client line (already split from the stream, without CR LF, decoded as UTF-8):
/// <code>
/// message = [ "@" tags SPACE ] [ ":" source SPACE ] command [ params ]
/// params  = *( SPACE middle ) [ SPACE ":" trailing ]   ; at most 15, the 15th takes the rest
/// tags    = tag *( ";" tag ) ; tag = key [ "=" escaped-value ]
/// </code>
/// Runs of spaces count as one, as most servers allow. A source sent by a client is ignored.
/// </summary>
public static class IrcParser
{
    /// <summary>Parses <paramref name="line"/>; null when it holds no command (empty, or tags and source only).</summary>
    public static IrcMessage? Parse(string line)
    {
        var rest = line.AsSpan();
        var tags = IrcMessage.NoTags;
        if (rest.StartsWith('@'))
        {
            var end = rest.IndexOf(' ');
            if (end < 0)
            {
                return null;
            }

            tags = ParseTags(rest[1..end]);
            rest = rest[end..];
        }

        rest = rest.TrimStart(' ');
        if (rest.StartsWith(':'))
        {
            var end = rest.IndexOf(' ');
            if (end < 0)
            {
                return null;
            }

            rest = rest[end..].TrimStart(' ');
        }

        var commandEnd = rest.IndexOf(' ');
        var command = (commandEnd < 0 ? rest : rest[..commandEnd]).ToString().ToUpperInvariant();
        if (command.Length == 0)
        {
            return null;
        }

        rest = commandEnd < 0 ? [] : rest[commandEnd..];
        var parameters = new List<string>();
        while (true)
        {
            rest = rest.TrimStart(' ');
            if (rest.IsEmpty)
            {
                break;
            }

            if (rest[0] == ':' || parameters.Count == IrcLimits.MaxParams - 1)
            {
                parameters.Add((rest[0] == ':' ? rest[1..] : rest).ToString());
                break;
            }

            var end = rest.IndexOf(' ');
            parameters.Add((end < 0 ? rest : rest[..end]).ToString());
            rest = end < 0 ? [] : rest[end..];
        }

        return new IrcMessage(tags, command, parameters);
    }

    private static Dictionary<string, string> ParseTags(ReadOnlySpan<char> text)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var range in text.Split(';'))
        {
            var tag = text[range];
            if (tag.IsEmpty)
            {
                continue;
            }

            var equals = tag.IndexOf('=');
            var key = (equals < 0 ? tag : tag[..equals]).ToString();
            tags[key] = equals < 0 ? string.Empty : Unescape(tag[(equals + 1)..]);
        }

        return tags;
    }

    /// <summary>IRCv3 tag value escaping: \: ; \s space, \\ \, \r CR, \n LF; a lone trailing \ is dropped.</summary>
    private static string Unescape(ReadOnlySpan<char> value)
    {
        if (!value.Contains('\\'))
        {
            return value.ToString();
        }

        var result = new System.Text.StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '\\')
            {
                result.Append(value[i]);
                continue;
            }

            if (++i == value.Length)
            {
                break;
            }

            result.Append(value[i] switch
            {
                ':' => ';',
                's' => ' ',
                'r' => '\r',
                'n' => '\n',
                var c => c,
            });
        }

        return result.ToString();
    }
}
