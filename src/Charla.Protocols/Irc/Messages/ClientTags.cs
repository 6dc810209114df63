using System.Text;

namespace Charla.Protocols.Irc.Messages;

/// <summary>Client-only message tags (<c>+name=value</c>), escaped for relaying (IRCv3 message-tags).</summary>
public static class ClientTags
{
    /// <summary>The client-only tags of <paramref name="tags"/> as <c>+a=1;+b</c>, values escaped; empty when none.</summary>
    public static string Escape(IReadOnlyDictionary<string, string> tags)
    {
        if (tags.Count == 0)
        {
            return string.Empty;
        }

        var result = new StringBuilder();
        foreach (var (key, value) in tags)
        {
            if (!key.StartsWith('+'))
            {
                continue;
            }

            result.Append(result.Length > 0 ? ";" : string.Empty).Append(key);
            if (value.Length > 0)
            {
                result.Append('=').Append(EscapeValue(value));
            }
        }

        return result.ToString();
    }

    /// <summary>A tag value escaped: <c>;</c> as <c>\:</c>, space as <c>\s</c>, <c>\</c>, CR and LF.</summary>
    public static string EscapeValue(string value)
    {
        var result = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            result.Append(c switch
            {
                ';' => "\\:",
                ' ' => "\\s",
                '\\' => "\\\\",
                '\r' => "\\r",
                '\n' => "\\n",
                _ => c.ToString(),
            });
        }

        return result.ToString();
    }
}
