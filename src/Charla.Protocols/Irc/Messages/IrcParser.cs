using System.Buffers;
using System.Text;

namespace Charla.Protocols.Irc.Messages;

/// <summary>
/// Parses one client line (already split from the stream, without CR LF):
/// <code>
/// message = [ "@" tags SPACE ] [ ":" source SPACE ] command [ params ]
/// params  = *( SPACE middle ) [ SPACE ":" trailing ]   ; at most 15, the 15th takes the rest
/// tags    = tag *( ";" tag ) ; tag = key [ "=" escaped-value ]
/// </code>
/// Runs of spaces count as one, as most servers allow. A source sent by a client is ignored.
/// Parsing records positions only (<see cref="IrcMessage"/>): no allocation per line.
/// </summary>
public static class IrcParser
{
    private static readonly SearchValues<char> TagNameChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-");

    private static readonly SearchValues<char> TagVendorChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-.");

    [ThreadStatic]
    private static char[]? t_text;

    [ThreadStatic]
    private static IrcMessage? t_message;

    /// <summary>
    /// Decodes <paramref name="utf8Line"/> (valid UTF-8) and parses it into this thread's reused
    /// message; null when it holds no command (empty, or tags and source only). The result is
    /// valid until the thread parses its next line.
    /// </summary>
    public static IrcMessage? ParseReused(ReadOnlySpan<byte> utf8Line)
    {
        var text = t_text ??= new char[IrcLimits.MaxLineBytes];
        var length = Encoding.UTF8.GetChars(utf8Line, text);
        var message = t_message ??= new IrcMessage();
        return Parse(text, length, message) ? message : null;
    }

    /// <summary>Parses <paramref name="line"/> into a message of its own (tests, tools).</summary>
    public static IrcMessage? Parse(string line)
    {
        var message = new IrcMessage();
        return Parse(line.ToCharArray(), line.Length, message) ? message : null;
    }

    /// <summary>Parses the first <paramref name="length"/> chars of <paramref name="text"/> into <paramref name="message"/>.</summary>
    public static bool Parse(char[] text, int length, IrcMessage message)
    {
        message.Reset(text);
        var at = 0;
        if (length > 0 && text[0] == '@')
        {
            var end = Array.IndexOf(text, ' ', 0, length);
            if (end < 0)
            {
                return false;
            }

            message.SetTags(1, end - 1);
            at = end;
        }

        at = SkipSpaces(text, at, length);
        if (at < length && text[at] == ':')
        {
            var end = Array.IndexOf(text, ' ', at, length - at);
            if (end < 0)
            {
                return false;
            }

            at = SkipSpaces(text, end, length);
        }

        var commandEnd = WordEnd(text, at, length);
        if (commandEnd == at)
        {
            return false;
        }

        message.SetCommand(at, commandEnd - at);
        at = commandEnd;
        while (true)
        {
            at = SkipSpaces(text, at, length);
            if (at == length)
            {
                return true;
            }

            if (text[at] == ':' || message.Count == IrcLimits.MaxParams - 1)
            {
                var start = text[at] == ':' ? at + 1 : at;
                message.AddParam(start, length - start);
                return true;
            }

            var end = WordEnd(text, at, length);
            message.AddParam(at, end - at);
            at = end;
        }
    }

    /// <summary>The tags part (after "@", before the space) as a dictionary, values unescaped.</summary>
    internal static Dictionary<string, string> ParseTags(ReadOnlySpan<char> text)
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
            var key = equals < 0 ? tag : tag[..equals];
            if (IsValidTagKey(key))
            {
                tags[key.ToString()] = equals < 0 ? string.Empty : UnescapeValue(tag[(equals + 1)..]);
            }
        }

        return tags;
    }

    /// <summary>
    /// Whether <paramref name="key"/> is a tag name as IRCv3 message-tags defines it; others are
    /// dropped, never relayed:
    /// <code>
    /// key      = [ "+" ] [ vendor "/" ] key-name
    /// key-name = 1*( ALPHA / DIGIT / "-" )
    /// vendor   = host name: 1*( ALPHA / DIGIT / "-" / "." )
    /// </code>
    /// </summary>
    public static bool IsValidTagKey(ReadOnlySpan<char> key)
    {
        if (key.StartsWith('+'))
        {
            key = key[1..];
        }

        var slash = key.IndexOf('/');
        if (slash >= 0)
        {
            var vendor = key[..slash];
            if (vendor.IsEmpty || vendor.ContainsAnyExcept(TagVendorChars))
            {
                return false;
            }

            key = key[(slash + 1)..];
        }

        return !key.IsEmpty && !key.ContainsAnyExcept(TagNameChars);
    }


    private static int SkipSpaces(char[] text, int at, int length)
    {
        while (at < length && text[at] == ' ')
        {
            at++;
        }

        return at;
    }

    private static int WordEnd(char[] text, int at, int length)
    {
        var space = Array.IndexOf(text, ' ', at, length - at);
        return space < 0 ? length : space;
    }

    /// <summary>IRCv3 tag value escaping: \: ; \s space, \\ \, \r CR, \n LF; a lone trailing \ is dropped.</summary>
    internal static string UnescapeValue(ReadOnlySpan<char> value)
    {
        if (!value.Contains('\\'))
        {
            return value.ToString();
        }

        var result = new StringBuilder(value.Length);
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
