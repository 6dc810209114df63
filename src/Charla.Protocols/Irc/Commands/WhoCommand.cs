using System.Globalization;
using Charla.Core.Channels;
using Charla.Core.Sessions;
using Charla.Protocols.Irc.Messages;
using Charla.Protocols.Irc.Replies;

namespace Charla.Protocols.Irc.Commands;

/// <summary>
/// WHO &lt;mask&gt; [o | %&lt;fields&gt;[,&lt;token&gt;]] (modern.ircdocs.horse, WHO; ircv3.net WHOX): one
/// RPL_WHOREPLY (352) per user, or with WHOX fields one RPL_WHOSPCRPL (354) with the fields asked
/// for ("tcuihsnfdlaor"), then RPL_ENDOFWHO with the mask as sent. The mask is
/// <list type="bullet">
/// <item>a channel: its members (outsiders of a +s channel see nobody, and do not see +i members);</item>
/// <item>an exact nick: that user, even when +i (the asker named them);</item>
/// <item>a pattern with <c>*</c> and <c>?</c> (<c>0</c> is <c>*</c>): every user the asker may
/// see whose nick, user name, host, real name or server matches.</item>
/// </list>
/// Flags: H here or G away, * server operator, B bot, then the member prefix in the channel shown.
/// "o" as the second parameter keeps server operators only.
/// </summary>
public sealed class WhoCommand : IIrcCommand
{
    /// <summary>The WHOX fields, in the order their values are sent.</summary>
    private const string WhoxFields = "tcuihsnfdlaor";

    public void Execute(IrcContext context, IrcMessage message)
    {
        var (engine, session) = (context.Engine, context.Session);
        var mask = message.Count > 0 && message[0].Length > 0 ? message[0] : "*";
        var option = message.Count > 1 ? message[1] : string.Empty;
        var whox = option.StartsWith('%') ? option[1..] : null;
        var opersOnly = whox is null && option == "o";
        foreach (var (user, channel) in Find(context, mask == "0" ? "*" : mask))
        {
            if (!opersOnly || user.IsServerOperator)
            {
                Reply(context, user, channel, whox);
            }
        }

        session.Numeric(Numerics.RplEndOfWho, mask, "End of WHO list");
    }

    private static IEnumerable<(ClientSession User, Channel? Channel)> Find(IrcContext context, string mask)
    {
        var (engine, session) = (context.Engine, context.Session);
        if (mask.StartsWith('#'))
        {
            if (engine.FindChannel(mask) is { } channel && ChannelAccess.IsVisibleTo(channel, session))
            {
                var inside = channel.IsMember(session);
                return channel.Members.Where(m => inside || !m.IsInvisible).Select(m => (m, (Channel?)channel));
            }

            return [];
        }

        if (mask.AsSpan().IndexOfAny('*', '?') < 0)
        {
            return engine.FindByNick(mask) is { } user ? [(user, ChannelShown(user, session))] : [];
        }

        var server = context.Server.Name;
        return engine.Sessions
            .Where(u => u.IsVisibleTo(session) && (Wildcard.Matches(mask, u.Nick) || Wildcard.Matches(mask, u.UserName)
                || Wildcard.Matches(mask, u.Host) || Wildcard.Matches(mask, u.RealName) || Wildcard.Matches(mask, server)))
            .Select(u => (u, ChannelShown(u, session)));
    }

    /// <summary>The first channel of <paramref name="user"/> that the asker may see, or null ("*").</summary>
    private static Channel? ChannelShown(ClientSession user, ClientSession asker) =>
        user.Channels.FirstOrDefault(c => ChannelAccess.IsVisibleTo(c, asker));

    private static void Reply(IrcContext context, ClientSession user, Channel? channel, string? whox)
    {
        var session = context.Session;
        var flags = (user.AwayMessage is null ? "H" : "G") + (user.IsServerOperator ? "*" : string.Empty) + (user.IsBot ? "B" : string.Empty)
            + (channel is null ? string.Empty : MemberPrefixes.Of(channel, user, session.Has(Capabilities.MultiPrefix)));
        var host = IrcLine.Host(user.Host);
        if (whox is null)
        {
            session.Numeric(Numerics.RplWhoReply, channel?.Name ?? "*", user.UserName, host, context.Server.Name, user.Nick, flags, $"0 {user.RealName}");
            return;
        }

        var (fields, token) = whox.IndexOf(',', StringComparison.Ordinal) is var comma and >= 0
            ? (whox[..comma], whox[(comma + 1)..])
            : (whox, string.Empty);
        var values = new List<string>();
        foreach (var field in WhoxFields)
        {
            if (!fields.Contains(field, StringComparison.Ordinal))
            {
                continue;
            }

            values.Add(field switch
            {
                't' => token,
                'c' => channel?.Name ?? "*",
                'u' => user.UserName,
                'i' => host,
                'h' => host,
                's' => context.Server.Name,
                'n' => user.Nick,
                'f' => flags,
                'd' => "0",
                'l' => ((long)user.IdleFor(context.Engine.Time.GetTimestamp()).TotalSeconds).ToString(CultureInfo.InvariantCulture),
                'a' => "0",
                'o' => "n/a",
                _ => user.RealName,
            });
        }

        // The realname, when asked for, is last and may hold spaces: it is the trailing parameter.
        session.Reply(context.Server.Name, Numerics.RplWhoSpcRpl, session.Target, values, trailing: fields.Contains('r', StringComparison.Ordinal));
    }
}
