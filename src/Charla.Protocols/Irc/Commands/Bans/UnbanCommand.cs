using Charla.Core.Bans;
using Charla.Protocols.Irc.Messages;
using Charla.Storage.Bans;

namespace Charla.Protocols.Irc.Commands.Bans;

/// <summary>UNKLINE &lt;user@host&gt; and UNDLINE &lt;address | network&gt;: lifts the ban (from the store too), told by NOTICE.</summary>
public sealed class UnbanCommand(BanKind kind) : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var (engine, session) = (context.Engine, context.Session);
        var given = message[0];
        var mask = (kind == BanKind.Address ? BanMasks.Address(given) : BanMasks.UserHost(given)) ?? given;
        var name = kind == BanKind.Address ? "D-line" : "K-line";
        var removing = engine.RemoveBanAsync(kind, mask, session);
        session.ContinueAfter(removing, () => session.ServerNotice(
            !removing.IsCompletedSuccessfully ? $"*** The {name} on {mask} could not be removed ({removing.Exception?.InnerException?.Message}); it still holds"
            : removing.Result ? $"*** Removed the {name} on {mask}"
            : $"*** There is no {name} on {mask}"));
    }
}
