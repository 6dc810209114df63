using System.Security.Cryptography;

namespace Charla.Core.Routing;

/// <summary>
/// Unique message ids (IRCv3 msgid): a random prefix chosen at start, so ids do not repeat
/// across restarts, and a counter. Short, URL-safe, no allocation beyond the string itself.
/// </summary>
public static class MessageIds
{
    private static readonly string Prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
    private static long _counter;

    public static string Next() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Prefix}{Interlocked.Increment(ref _counter):x}");
}
