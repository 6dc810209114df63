using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Charla.Core.Security;

/// <summary>
/// What users see instead of each other's address: a keyed hash of it (HMAC-SHA256 with the
/// server's secret), so the same address shows the same cloak, across restarts too, while the
/// address cannot be read back or guessed by hashing candidates without the secret. One cloak
/// covers an IPv4 address or a whole IPv6 /64 (one customer's), as ergo does.
/// </summary>
public sealed class HostCloak
{
    private readonly byte[]? _key;
    private readonly string _suffix;

    /// <summary>Shows addresses as they are.</summary>
    public static HostCloak None { get; } = new(null, string.Empty);

    /// <param name="key">The secret (32 random bytes); null shows addresses as they are.</param>
    /// <param name="suffix">What follows the hash, like a domain: <c>a1b2c3d4e5f6g7h8.charla</c>.</param>
    public HostCloak(byte[]? key, string suffix)
    {
        _key = key;
        _suffix = suffix;
    }

    /// <summary>Whether hosts are cloaked at all.</summary>
    public bool IsOn => _key is not null;

    /// <summary>The cloak of <paramref name="host"/> if it is an address; anything else (or with cloaking off) as it is.</summary>
    public string Apply(string host)
    {
        if (_key is null || !IPAddress.TryParse(host, out var address))
        {
            return host;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        Span<byte> input = stackalloc byte[17];
        var v4 = address.AddressFamily == AddressFamily.InterNetwork;
        input[0] = v4 ? (byte)4 : (byte)6;
        address.TryWriteBytes(input[1..], out _);
        var covered = input[..(v4 ? 5 : 9)]; // the family, then the address or its first 64 bits

        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(_key, covered, hash);
        return $"{Base32(hash[..10])}.{_suffix}";
    }

    /// <summary>RFC 4648 base32, lower case, no padding: 10 bytes make 16 letters and digits a host name may hold.</summary>
    private static string Base32(ReadOnlySpan<byte> bytes)
    {
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        Span<char> text = stackalloc char[(bytes.Length * 8 + 4) / 5];
        int bits = 0, value = 0, next = 0;
        foreach (var b in bytes)
        {
            value = (value << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text[next++] = Alphabet[(value >> (bits - 5)) & 31];
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            text[next++] = Alphabet[(value << (5 - bits)) & 31];
        }

        return new string(text[..next]);
    }
}
