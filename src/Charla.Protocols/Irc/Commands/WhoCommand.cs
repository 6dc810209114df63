using System.Globalization;
using Charla.Core.Channels;
using Charla.Core.Sessions;
using Charla.Protocols.Irc.Messages;
using Charla.Protocols.Irc.Replies;

namespace Charla.Protocols.Irc.Commands;

/// <summary>
/// WHO &lt;channel|nick&gt; [%&lt;fields&gt;[,&lt;token&gt;]]: one RPL_WHOREPLY (352) per user, or with
/// WHOX fields one RPL_WHOSPCRPL (354) with the fields asked for (ircv3.net/specs/extensions/whox,
/// fields "tcuihsnfdlaor"), then RPL_ENDOFWHO. Masks other than a channel or a nick match nobody.
/// </summary>
public sealed class WhoCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var (engine, session) = (context.Engine, context.Session);
        var mask = message.Count > 0 ? message[0] : "*";
        var whox = message.Count > 1 && message[1].StartsWith('%') ? message[1][1..] : null;
        if (engine.FindChannel(mask) is { } channel && ChannelAccess.IsVisibleTo(channel, session))
        {
            foreach (var member in channel.Members)
            {
                Reply(context, member, channel, whox);
            }
        }
        else if (engine.FindByNick(mask) is { } user)
        {
            Reply(context, user, user.Channels.Count > 0 ? user.Channels[0] : null, whox);
        }

        session.Numeric(Numerics.RplEndOfWho, mask, "End of WHO list");
    }

    private static void Reply(IrcContext context, ClientSession user, Channel? channel, string? whox)
    {
        var session = context.Session;
        var flags = (user.AwayMessage is null ? "H" : "G") + (user.IsServerOperator ? "*" : string.Empty) + (user.IsBot ? "B" : string.Empty) + (channel is null ? string.Empty : MemberPrefixes.Of(channel, user, session.Has(Capabilities.MultiPrefix)));
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
        foreach (var field in "tcuihsnfdlaor")
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
        session.SendLine(IrcLine.Build(context.Server.Name, Numerics.RplWhoSpcRpl, [session.Target, .. values], trailing: fields.Contains('r', StringComparison.Ordinal)));
    }
}
