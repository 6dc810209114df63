namespace Charla.Server.Admission;

/// <summary>
/// How many connections one address may hold and open (the <c>Connections</c> section). An
/// "address" is an IPv4 address, or a whole IPv6 /64 (what one customer usually gets), as
/// ergo counts them; ergo's numbers are the defaults.
/// </summary>
public sealed class ConnectionLimitOptions
{
    /// <summary>Connections (plain and IRC together) one address may have open at once; 0: no limit.</summary>
    public int MaxPerAddress { get; set; } = 16;

    /// <summary>Connections one address may open in <see cref="WindowSeconds"/>; 0: no limit.</summary>
    public int MaxPerWindow { get; set; } = 32;

    /// <summary>The window that <see cref="MaxPerWindow"/> counts in: 10 minutes.</summary>
    public int WindowSeconds { get; set; } = 600;

    /// <summary>
    /// Connections still registering (IRC before its welcome, plain mode before the lobby), from
    /// every address together, beyond which new ones are refused until some finish or time out
    /// (<c>Irc:RegistrationTimeoutSeconds</c>): a crowd that connects and says nothing cannot hold
    /// the server's room. Exempt addresses are not refused by it. 0: no limit.
    /// </summary>
    public int MaxUnregistered { get; set; } = 1000;

    /// <summary>Bits of an IPv4 address that make one address for these limits (32: each address alone).</summary>
    public int Ipv4PrefixLength { get; set; } = 32;

    /// <summary>Bits of an IPv6 address that make one address for these limits (64: a whole /64).</summary>
    public int Ipv6PrefixLength { get; set; } = 64;

    /// <summary>
    /// Whether connections from this machine (127.0.0.0/8, ::1) are exempt, as ergo exempts
    /// them: a bouncer or web gateway on the same machine, and the benchmarks, connect from there.
    /// </summary>
    public bool ExemptLocalhost { get; set; } = true;

    /// <summary>More addresses and networks (CIDR: <c>203.0.113.0/24</c>) no limit applies to.</summary>
    public string[] Exempt { get; set; } = [];
}
