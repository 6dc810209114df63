using System.Security.Cryptography;
using System.Text;

namespace Charla.Core.Security;

/// <summary>
/// Passwords kept as salted PBKDF2-HMAC-SHA256 hashes in the PHC string format
/// (<c>$pbkdf2-sha256$i=100000$SALT$HASH</c>, base64 without padding), so that the configuration
/// file and the database never hold one in clear. The iteration count travels in the string:
/// raising the default later does not invalidate what was hashed before.
/// </summary>
public static class PasswordHash
{
    /// <summary>
    /// About 20 ms of one core here: slow enough to make guessing from a stolen file expensive,
    /// cheap enough to check on every login (off the connection's loop, see <see cref="Sessions.ClientSession.ContinueAfter"/>).
    /// </summary>
    public const int DefaultIterations = 100_000;

    private const string Prefix = "$pbkdf2-sha256$i=";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>A new hash of <paramref name="password"/>, with a fresh random salt.</summary>
    public static string Create(string password, int iterations = DefaultIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return $"{Prefix}{iterations}${Base64(salt)}${Base64(hash)}";
    }

    /// <summary>Whether <paramref name="encoded"/> is a hash this class made (or one in the same format).</summary>
    public static bool IsWellFormed(string encoded) => TryParse(encoded, out _, out _, out _);

    /// <summary>
    /// Whether <paramref name="password"/> is the one <paramref name="encoded"/> was made from,
    /// compared in constant time. A malformed hash matches nothing.
    /// </summary>
    public static bool Verify(string password, string encoded)
    {
        if (!TryParse(encoded, out var iterations, out var salt, out var expected))
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>At most this many checks run at once, whatever the number of clients asking: a flood of logins costs their senders time, not the server all its cores.</summary>
    private static readonly SemaphoreSlim Checks = new(Math.Max(1, Environment.ProcessorCount / 2));

    /// <summary><see cref="Verify"/> on the thread pool, a few at a time (see <see cref="Checks"/>).</summary>
    public static async Task<bool> VerifyAsync(string password, string encoded)
    {
        await Checks.WaitAsync().ConfigureAwait(false);
        try
        {
            return await Task.Run(() => Verify(password, encoded)).ConfigureAwait(false);
        }
        finally
        {
            Checks.Release();
        }
    }

    private static bool TryParse(string encoded, out int iterations, out byte[] salt, out byte[] hash)
    {
        (iterations, salt, hash) = (0, [], []);
        if (!encoded.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = encoded[Prefix.Length..].Split('$');
        if (parts.Length != 3 || !int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out iterations) || iterations < 1)
        {
            return false;
        }

        return TryBase64(parts[1], out salt) && salt.Length >= 8 && TryBase64(parts[2], out hash) && hash.Length >= 16;
    }

    private static string Base64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static bool TryBase64(string text, out byte[] bytes)
    {
        var padded = text.PadRight(text.Length + (4 - text.Length % 4) % 4, '=');
        bytes = new byte[padded.Length];
        if (Convert.TryFromBase64String(padded, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
