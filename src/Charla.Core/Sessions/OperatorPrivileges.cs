namespace Charla.Core.Sessions;

/// <summary>
/// What a server operator may do, granted by the class of their operator block. An operator
/// without a privilege is refused the command that needs it (IRC 723 ERR_NOPRIVS).
/// </summary>
[Flags]
public enum OperatorPrivileges
{
    None = 0,

    /// <summary>Disconnect a user (KILL).</summary>
    Kill = 1,

    /// <summary>Ban addresses from the server (KLINE, DLINE and their removal).</summary>
    Ban = 2,

    /// <summary>Act as a channel operator in any channel (KICK, MODE, TOPIC, INVITE), each use logged and told to the channel's operators.</summary>
    Override = 4,

    /// <summary>Reload the configuration (REHASH).</summary>
    Rehash = 8,

    /// <summary>See users' real addresses behind their cloaks (WHOIS 378, STATS).</summary>
    SeeAddresses = 16,

    /// <summary>Send WALLOPS.</summary>
    Wallops = 32,

    /// <summary>Change a user's user name and host (CHGHOST).</summary>
    ChangeHost = 64,

    All = Kill | Ban | Override | Rehash | SeeAddresses | Wallops | ChangeHost,
}

/// <summary>The privileges' names in configuration files and replies (<c>see-addresses</c>).</summary>
public static class OperatorPrivilegeNames
{
    private static readonly (string Name, OperatorPrivileges Privilege)[] Names =
    [
        ("kill", OperatorPrivileges.Kill),
        ("ban", OperatorPrivileges.Ban),
        ("override", OperatorPrivileges.Override),
        ("rehash", OperatorPrivileges.Rehash),
        ("see-addresses", OperatorPrivileges.SeeAddresses),
        ("wallops", OperatorPrivileges.Wallops),
        ("chghost", OperatorPrivileges.ChangeHost),
    ];

    /// <summary>Every name, for error messages and documentation.</summary>
    public static IEnumerable<string> All => Names.Select(n => n.Name);

    public static OperatorPrivileges? Parse(string name) =>
        Array.Find(Names, n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase)) is { Name: not null } found ? found.Privilege : null;

    /// <summary>The name of one privilege (a single flag).</summary>
    public static string NameOf(OperatorPrivileges privilege) => Array.Find(Names, n => n.Privilege == privilege).Name ?? privilege.ToString();

    /// <summary>The names of every privilege in <paramref name="privileges"/>, in the order above.</summary>
    public static string Describe(OperatorPrivileges privileges) =>
        string.Join(", ", Names.Where(n => (privileges & n.Privilege) != 0).Select(n => n.Name));
}
