namespace Charla.Core.Channels;

/// <summary>IRC wildcard masks: <c>*</c> any run, <c>?</c> one character; ASCII case-insensitive.</summary>
public static class Wildcard
{
    public static bool Matches(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || char.ToLowerInvariant(pattern[p]) == char.ToLowerInvariant(text[t])))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <summary>
    /// A ban-style mask made whole, as ircds do: <c>nick</c> is <c>nick!*@*</c>,
    /// <c>nick!user</c> is <c>nick!user@*</c>, <c>user@host</c> is <c>*!user@host</c>.
    /// </summary>
    public static string Normalize(string mask)
    {
        var bang = mask.IndexOf('!', StringComparison.Ordinal);
        var at = mask.IndexOf('@', StringComparison.Ordinal);
        return (bang, at) switch
        {
            (< 0, < 0) => mask + "!*@*",
            (>= 0, < 0) => mask + "@*",
            (< 0, >= 0) => "*!" + mask,
            _ => mask,
        };
    }
}
