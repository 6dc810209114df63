using System.Net;
using Charla.Core.Channels;
using Charla.Storage.Bans;

namespace Charla.Core.Bans;

/// <summary>The masks server bans take, checked and matched in one place.</summary>
public static class BanMasks
{
    /// <summary>
    /// A user@host mask as stored: <c>user@host</c>, each side non-empty, no space; the host an
    /// address, a network (CIDR) or a wildcard pattern. Null when it is none of these.
    /// </summary>
    public static string? UserHost(string mask)
    {
        var at = mask.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at == mask.Length - 1 || mask.IndexOf('@', at + 1) >= 0 || mask.Any(c => c is ' ' or ',' or '!' || char.IsControl(c)))
        {
            return null;
        }

        var host = mask[(at + 1)..];
        if (!host.Contains('/', StringComparison.Ordinal))
        {
            return mask;
        }

        return Network(host) is { } network ? $"{mask[..at]}@{network}" : null;
    }

    /// <summary>An address or network mask as stored (<c>203.0.113.0/24</c>, <c>2001:db8::/32</c>, <c>203.0.113.7</c>); null when it is neither.</summary>
    public static string? Address(string mask) =>
        IPAddress.TryParse(mask, out var address) && !mask.Contains('/', StringComparison.Ordinal) ? address.ToString()
        : Network(mask)?.ToString();

    /// <summary>Whether <paramref name="ban"/> matches a client with that user name, real host and address.</summary>
    public static bool Matches(ServerBan ban, string userName, string realHost, IPAddress? address)
    {
        if (ban.Kind == BanKind.Address)
        {
            return address is not null && ContainsAddress(ban.Mask, address);
        }

        var at = ban.Mask.IndexOf('@', StringComparison.Ordinal);
        var (user, host) = (ban.Mask[..at], ban.Mask[(at + 1)..]);
        return Wildcard.Matches(user, userName)
            && (address is not null && (host.Contains('/', StringComparison.Ordinal) || IPAddress.TryParse(host, out _)) ? ContainsAddress(host, address) : Wildcard.Matches(host, realHost));
    }

    private static bool ContainsAddress(string mask, IPAddress address) =>
        mask.Contains('/', StringComparison.Ordinal)
            ? IPNetwork.TryParse(mask, out var network) && network.Contains(address)
            : IPAddress.TryParse(mask, out var single) && single.Equals(address);

    /// <summary>A network in CIDR form; one with bits set past its prefix is taken as the network it is in.</summary>
    private static IPNetwork? Network(string mask)
    {
        var slash = mask.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(mask[..slash], out var address) || !int.TryParse(mask[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var prefix))
        {
            return null;
        }

        var bits = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        if (prefix > bits)
        {
            return null;
        }

        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bits; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPNetwork(new IPAddress(bytes), prefix);
    }
}
