namespace Charla.Core.Routing;

/// <summary>
/// Unique message ids (IRCv3 msgid): a random prefix chosen at start, so ids do not repeat
/// across restarts, and a counter. Short, URL-safe, no allocation beyond the string itself.
/// </summary>
/// <remarks>
/// The prefix needs to be unique, not secret (the counter after it is plain to see anyway), so it
/// comes from <see cref="Random.Shared"/> (seeded by the OS): the cryptographic generator would
/// load OpenSSL, over 5 MB of resident memory for six bytes.
/// </remarks>
public static class MessageIds
{
    private static readonly string Prefix = NewPrefix();
    private static long _counter;

    private static string NewPrefix()
    {
        Span<byte> bytes = stackalloc byte[6];
        Random.Shared.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    public static string Next() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Prefix}{Interlocked.Increment(ref _counter):x}");
}
