using System.Collections.Frozen;

namespace Charla.Protocols.Irc;

/// <summary>
/// The IRCv3 capabilities Charla offers (ircv3.net/irc). <c>CAP LS</c> lists exactly these:
/// each one works as its specification says, and has a test.
/// </summary>
public static class Capabilities
{
    /// <summary>cap-notify: the server may announce new or removed capabilities (implied by CAP LS 302).</summary>
    public const string CapNotify = "cap-notify";

    /// <summary>multi-prefix: NAMES and WHO show every prefix a member has, highest first.</summary>
    public const string MultiPrefix = "multi-prefix";

    /// <summary>userhost-in-names: NAMES entries are nick!user@host.</summary>
    public const string UserhostInNames = "userhost-in-names";

    /// <summary>echo-message: the sender of a PRIVMSG or NOTICE gets it back as the others do.</summary>
    public const string EchoMessage = "echo-message";

    /// <summary>away-notify: members of shared channels are told when a user goes away or comes back.</summary>
    public const string AwayNotify = "away-notify";

    public static readonly FrozenSet<string> Supported =
        new[] { CapNotify, MultiPrefix, UserhostInNames, EchoMessage }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The CAP LS list, in a stable order.</summary>
    public static string List { get; } = string.Join(' ', Supported.Order(StringComparer.Ordinal));
}
