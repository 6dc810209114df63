using System.Globalization;
using Charla.Core.Sessions;
using Charla.Protocols.Irc.Messages;
using Charla.Protocols.Irc.Replies;

namespace Charla.Protocols.Irc.Commands;

/// <summary>WHOIS [&lt;server&gt;] &lt;nick&gt;: 311, 319, 378 (to itself and operators who may see addresses), 312, 301, 317, then 318 (or 401 and 318).</summary>
public sealed class WhoisCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var (engine, session) = (context.Engine, context.Session);
        var nick = message[message.Count - 1].Split(',')[0];
        var user = engine.FindByNick(nick);
        if (user is null)
        {
            session.Numeric(Numerics.ErrNoSuchNick, nick, "No such nick/channel");
            session.Numeric(Numerics.RplEndOfWhois, nick, "End of /WHOIS list");
            return;
        }

        session.Numeric(Numerics.RplWhoisUser, user.Nick, user.UserName, IrcLine.Host(user.Host), "*", user.RealName);
        var channels = string.Join(' ', user.Channels
            .Where(c => ChannelAccess.IsVisibleTo(c, session) && (!user.IsInvisible || ReferenceEquals(user, session) || c.IsMember(session)))
            .Select(c => MemberPrefixes.Of(c, user, session.Has(Capabilities.MultiPrefix)) + c.Name));
        if (channels.Length > 0)
        {
            session.Numeric(Numerics.RplWhoisChannels, user.Nick, channels);
        }

        if (ReferenceEquals(user, session) || session.Has(OperatorPrivileges.SeeAddresses))
        {
            // The real address, to its owner and to operators who may see addresses (behind a cloak or a CHGHOST).
            session.Numeric(Numerics.RplWhoisHost, user.Nick, $"is connecting from *@{user.RealHost} {user.RealHost}");
        }

        session.Numeric(Numerics.RplWhoisServer, user.Nick, context.Server.Name, context.Server.Options.ServerDescription);
        if (user.IsServerOperator)
        {
            session.Numeric(Numerics.RplWhoisOperator, user.Nick, "is an IRC operator");
        }

        if (user.IsBot)
        {
            session.Numeric(Numerics.RplWhoisBot, user.Nick, $"is a bot on {context.Server.Options.NetworkName}");
        }

        if (session.Has(Capabilities.Metadata) && user.HasMetadata)
        {
            foreach (var (key, value) in user.Metadata.All)
            {
                session.Numeric(Numerics.RplWhoisKeyValue, user.Nick, key, "*", value);
            }
        }

        if (user.AwayMessage is { } away)
        {
            session.Numeric(Numerics.RplAway, user.Nick, away);
        }

        var idle = (long)user.IdleFor(engine.Time.GetTimestamp()).TotalSeconds;
        session.Numeric(Numerics.RplWhoisIdle, user.Nick, idle.ToString(CultureInfo.InvariantCulture),
            user.ConnectedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), "seconds idle, signon time");
        session.Numeric(Numerics.RplEndOfWhois, user.Nick, "End of /WHOIS list");
    }
}
