namespace Charla.Core.Nicknames;

/// <summary>
/// What a nickname may look like. The rules are IRC's (RFC 2812 section 2.3.1, as the Modern
/// IRC documents keep them) so that plain-mode and IRC users share one namespace: a letter or
/// one of <c>[]\`_^{|}</c> first, then letters, digits, those specials or <c>-</c>; ASCII only.
/// Comparison is ASCII case-insensitive (ISUPPORT <c>CASEMAPPING=ascii</c>).
/// </summary>
public static class NickRules
{
    /// <summary>Compares nicknames as the server does: ASCII case-insensitively.</summary>
    /// <remarks>Valid nicks are ASCII, where ordinal-ignore-case is exactly ASCII case folding.</remarks>
    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    /// <summary>Prefix of the names given to new connections: Guest1, Guest2, ...</summary>
    public const string GuestPrefix = "Guest";

    /// <summary>The special characters allowed anywhere in a nickname.</summary>
    public const string Specials = "[]\\`_^{|}";

    public static bool IsValid(ReadOnlySpan<char> nick, int maxLength)
    {
        if (nick.IsEmpty || nick.Length > maxLength || !IsFirstChar(nick[0]))
        {
            return false;
        }

        foreach (var c in nick[1..])
        {
            if (!IsFirstChar(c) && !char.IsAsciiDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsFirstChar(char c) => char.IsAsciiLetter(c) || Specials.Contains(c, StringComparison.Ordinal);
}
