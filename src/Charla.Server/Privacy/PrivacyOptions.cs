namespace Charla.Server.Privacy;

/// <summary>What users see of each other's addresses (the <c>Privacy</c> section).</summary>
public sealed class PrivacyOptions
{
    /// <summary>
    /// Show every user's address as a cloak (a keyed hash: <c>a1b2c3d4e5f6g7h8.charla</c>)
    /// instead of the address itself. Operators with the see-addresses privilege, and each user
    /// for itself, see the address in WHOIS (378). False shows addresses to everyone.
    /// </summary>
    public bool CloakHosts { get; set; } = true;

    /// <summary>What follows the hash in a cloak, like a domain.</summary>
    public string CloakSuffix { get; set; } = "charla";
}
