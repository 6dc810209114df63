using System.Globalization;
using Charla.Core.Bans;
using Charla.Protocols.Irc.Messages;
using Charla.Storage.Bans;

namespace Charla.Protocols.Irc.Commands.Bans;

/// <summary>
/// KLINE [minutes] &lt;user@host | nick&gt; [ON server] [:reason] and DLINE [minutes]
/// &lt;address | network&gt; [ON server] [:reason], as ircd-hybrid and Solanum take them, for operators
/// with the ban privilege: the ban is stored, then every matching connection is closed
/// ("Banned (reason)", after 465), and every later one is refused. A nick stands for
/// <c>*@</c> its address. The operator is told by NOTICE once the ban is on disk.
/// </summary>
public sealed class BanCommand(BanKind kind) : IIrcCommand
{
    private string Name => kind == BanKind.Address ? "D-line" : "K-line";

    public void Execute(IrcContext context, IrcMessage message)
    {
        var (engine, session) = (context.Engine, context.Session);
        var next = 0;
        TimeSpan? duration = null;
        if (message.Count > 1 && int.TryParse(message[0], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
        {
            duration = minutes > 0 ? TimeSpan.FromMinutes(minutes) : null; // 0: until removed, as hybrid
            next = 1;
        }

        var verb = kind == BanKind.Address ? "DLINE" : "KLINE";
        if (message.Count <= next)
        {
            session.Numeric(Numerics.ErrNeedMoreParams, verb, "Not enough parameters");
            return;
        }

        var given = message[next++];
        if (next + 1 < message.Count && string.Equals(message[next], "ON", StringComparison.OrdinalIgnoreCase))
        {
            next += 2; // ON <server>: this server is the only one
        }

        var reason = next < message.Count && message[next].Length > 0 ? message[next] : "No reason";
        if (Mask(context, given) is not { } mask)
        {
            session.ServerNotice(kind == BanKind.Address
                ? $"*** {given} is not an address or a network (203.0.113.7, 203.0.113.0/24, 2001:db8::/32)"
                : $"*** {given} is neither user@host nor the nick of someone here");
            return;
        }

        if (TooBroad(mask))
        {
            session.ServerNotice($"*** {mask} would ban everyone: refused");
            return;
        }

        var now = engine.Time.GetUtcNow();
        var ban = new ServerBan(kind, mask, reason, session.Nick, now, duration is { } d ? now + d : null);
        var adding = engine.AddBanAsync(ban, session);
        session.ContinueAfter(adding, () =>
        {
            if (!adding.IsCompletedSuccessfully)
            {
                session.ServerNotice($"*** The {Name} on {mask} could not be stored ({adding.Exception?.InnerException?.Message}); it is not in force");
                return;
            }

            var until = ban.Expires is { } expires ? $"until {expires.ToString("u", CultureInfo.InvariantCulture)}" : "until removed";
            var closed = adding.Result.Count == 0 ? "nobody here matched" : $"closed: {string.Join(", ", adding.Result)}";
            session.ServerNotice($"*** Added a {Name} on {mask} ({reason}), {until}; {closed}");
        });
    }

    /// <summary>The mask to store for what the operator gave, or null when it is not one.</summary>
    private string? Mask(IrcContext context, string given)
    {
        if (kind == BanKind.Address)
        {
            return BanMasks.Address(given) ?? (context.Engine.FindByNick(given)?.Address?.ToString());
        }

        return BanMasks.UserHost(given) ?? (context.Engine.FindByNick(given) is { } user ? $"*@{user.RealHost}" : null);
    }

    private static bool TooBroad(string mask) => mask.Replace("@", string.Empty, StringComparison.Ordinal).All(c => c is '*' or '?' or '.')
        || mask.EndsWith("/0", StringComparison.Ordinal);
}
