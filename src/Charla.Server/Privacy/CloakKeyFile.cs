using System.Security.Cryptography;
using Charla.Storage;

namespace Charla.Server.Privacy;

/// <summary>
/// The cloaks' secret: 32 random bytes in <c>cloak.key</c> in the data directory, made on first
/// start (readable by the server's user only) and read at every start after, so that a user's
/// cloak stays the same across restarts. Whoever has the file can tell which address a cloak
/// hides: keep it with the database.
/// </summary>
public static class CloakKeyFile
{
    public const string FileName = "cloak.key";

    private const int KeyBytes = 32;

    /// <exception cref="StorageException">The file cannot be read or made, or is not a key.</exception>
    public static byte[] LoadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        try
        {
            if (File.Exists(path))
            {
                var text = File.ReadAllText(path).Trim();
                var key = text.Length == KeyBytes * 2 ? TryHex(text) : null;
                return key ?? throw new StorageException($"{path} is not a cloak key ({KeyBytes * 2} hexadecimal digits); remove it to make a new one (every cloak changes)");
            }

            var created = RandomNumberGenerator.GetBytes(KeyBytes);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options))
            {
                writer.WriteLine(Convert.ToHexStringLower(created));
            }

            return created;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"cannot read or make the cloak key {path}: {ex.Message}", ex);
        }
    }

    private static byte[]? TryHex(string text)
    {
        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
