using Charla.Core.Channels;
using Charla.Core.Sessions;

namespace Charla.Protocols.Irc.Replies;

/// <summary>The status prefixes a member shows in NAMES, WHO and WHOIS (ISUPPORT PREFIX=(ov)@+).</summary>
public static class MemberPrefixes
{
    /// <summary>
    /// The prefix a member shows in NAMES and WHO: "@" for an operator, "+" for voice; with
    /// multi-prefix every one it has, highest first ("@+").
    /// </summary>
    public static string Of(Channel channel, ClientSession member, bool all = false)
    {
        var (op, voice) = channel.Flags(member);
        return (op, voice, all) switch
        {
            (true, true, true) => "@+",
            (true, _, _) => "@",
            (false, true, _) => "+",
            _ => string.Empty,
        };
    }
}
