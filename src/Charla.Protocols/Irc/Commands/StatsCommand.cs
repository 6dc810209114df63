using System.Globalization;
using Charla.Core.Sessions;
using Charla.Protocols.Irc.Messages;
using Charla.Storage.Bans;

namespace Charla.Protocols.Irc.Commands;

/// <summary>
/// STATS &lt;query&gt; (RFC 2812 section 3.4.4): <c>u</c> the uptime (242) and the connection counts (250, as ircd-hybrid) for anyone; <c>k</c> the
/// K-lines (216) and <c>d</c> the D-lines (225), in ircd-hybrid's form, for operators with the
/// ban privilege (481 or 723 otherwise); any other letter just ends (219).
/// </summary>
public sealed class StatsCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var (engine, session) = (context.Engine, context.Session);
        var query = message[0].Length > 0 ? message[0][..1] : "*";
        var now = engine.Time.GetUtcNow();
        switch (query)
        {
            case "u" or "U":
                var up = now - engine.StartedAt;
                session.Numeric(Numerics.RplStatsUptime, string.Create(CultureInfo.InvariantCulture, $"Server Up {up.Days} days {up.Hours}:{up.Minutes:00}:{up.Seconds:00}"));
                session.Numeric(Numerics.RplStatsConn, string.Create(
                    CultureInfo.InvariantCulture, $"Highest connection count: {engine.PeakSessionCount} ({engine.SessionCount} clients now, {engine.ConnectionCount} connections)"));
                break;
            case "k" or "K" or "d" or "D":
                if (!IrcCommandTable.MayUse(session, OperatorPrivileges.Ban))
                {
                    return;
                }

                var kind = query is "k" or "K" ? BanKind.UserHost : BanKind.Address;
                foreach (var ban in engine.Bans.Active(kind, now))
                {
                    var reason = ban.Expires is { } expires ? $"{ban.Reason} (until {expires.ToString("u", CultureInfo.InvariantCulture)}, by {ban.SetBy})" : $"{ban.Reason} (by {ban.SetBy})";
                    if (kind == BanKind.UserHost)
                    {
                        var at = ban.Mask.IndexOf('@', StringComparison.Ordinal);
                        session.Numeric(Numerics.RplStatsKLine, "K", ban.Mask[(at + 1)..], "*", ban.Mask[..at], reason);
                    }
                    else
                    {
                        session.Numeric(Numerics.RplStatsDLine, "D", ban.Mask, reason);
                    }
                }

                break;
        }

        session.Numeric(Numerics.RplEndOfStats, query, "End of /STATS report");
    }
}
