using System.Net;

namespace Charla.Server.Configuration;

/// <summary>The <c>Bind</c> setting, understood.</summary>
public static class ListenAddress
{
    /// <summary>
    /// <c>*</c> (or empty) is every interface, IPv6 and IPv4 (<see cref="IPAddress.IPv6Any"/>,
    /// which Kestrel falls back to IPv4 for); <c>localhost</c> is 127.0.0.1; else an IP address.
    /// Null when the text is none of these.
    /// </summary>
    public static IPAddress? TryParse(string? text) => text?.Trim() switch
    {
        null or "" or "*" => IPAddress.IPv6Any,
        var t when t.Equals("localhost", StringComparison.OrdinalIgnoreCase) => IPAddress.Loopback,
        var t => IPAddress.TryParse(t, out var address) ? address : null,
    };
}
