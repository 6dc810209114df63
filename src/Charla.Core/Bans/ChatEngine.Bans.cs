using Charla.Core.Bans;
using Charla.Core.Sessions;
using Charla.Storage.Bans;

namespace Charla.Core;

/// <summary>Server bans (KLINE, DLINE): kept in the store, held in memory, applied at once and at every arrival.</summary>
public sealed partial class ChatEngine
{
    /// <summary>The server bans in force.</summary>
    public ServerBanList Bans { get; } = new();

    /// <summary>Where bans are kept across restarts; null keeps them in memory only (tests, tools).</summary>
    public IBanStore? BanStore { get; init; }

    /// <summary>Reads the kept bans (at start); expired ones are dropped from the store.</summary>
    /// <exception cref="Storage.StorageException">The store cannot be read.</exception>
    public async Task LoadBansAsync()
    {
        if (BanStore is null)
        {
            return;
        }

        var now = Time.GetUtcNow();
        foreach (var ban in await BanStore.LoadAsync().ConfigureAwait(false))
        {
            if (ban.IsActive(now))
            {
                Bans.Set(ban);
            }
            else
            {
                await BanStore.DeleteAsync(ban.Kind, ban.Mask).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Keeps <paramref name="ban"/> (on disk first, when there is a store), then closes every
    /// connection it matches, registered or not; returns their nicks (or addresses, for those
    /// not registered yet).
    /// </summary>
    /// <exception cref="Storage.StorageException">The ban could not be stored; it is not in force.</exception>
    public async Task<IReadOnlyList<string>> AddBanAsync(ServerBan ban, ClientSession by)
    {
        if (BanStore is not null)
        {
            await BanStore.SaveAsync(ban).ConfigureAwait(false);
        }

        Bans.Set(ban);
        Events.BanAdded(by.Nick, by.OperatorName ?? "?", ban.Kind == BanKind.Address ? "D-line" : "K-line", ban.Mask, ban.Reason, ban.Expires?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "never");
        var removed = new List<string>();
        var now = Time.GetUtcNow();
        foreach (var session in _connections.Values)
        {
            if (BanMasks.Matches(ban, session.UserName, session.RealHost, session.Address) && ban.IsActive(now) && !session.IsClosing)
            {
                removed.Add(session.IsAttached ? session.Nick : session.RealHost);
                Events.BanApplied(ban.Mask, session.Nick, session.UserHost);
                session.Close(DisconnectReason.Banned(ban.Reason));
            }
        }

        return removed;
    }

    /// <summary>Lifts the ban of that kind and mask (from the store too); false when there was none.</summary>
    /// <exception cref="Storage.StorageException">The store could not be changed; the ban still holds.</exception>
    public async Task<bool> RemoveBanAsync(BanKind kind, string mask, ClientSession by)
    {
        var stored = BanStore is not null && await BanStore.DeleteAsync(kind, mask).ConfigureAwait(false);
        var held = Bans.Remove(kind, mask);
        if (stored || held)
        {
            Events.BanRemoved(by.Nick, by.OperatorName ?? "?", kind == BanKind.Address ? "D-line" : "K-line", mask);
        }

        return stored || held;
    }

    /// <summary>The ban in force that matches <paramref name="session"/>, if any (checked as it registers).</summary>
    private ServerBan? BanOf(ClientSession session) => Bans.Find(session.UserName, session.RealHost, session.Address, Time.GetUtcNow());
}
