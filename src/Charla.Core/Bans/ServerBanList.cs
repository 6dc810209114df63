using System.Net;
using Charla.Storage.Bans;

namespace Charla.Core.Bans;

/// <summary>
/// The server bans in force, in memory: a copy-on-write array, so that every connection and
/// registration checks them without a lock. Changed only through the engine, which keeps the
/// store in step.
/// </summary>
public sealed class ServerBanList
{
    private readonly Lock _gate = new();
    private ServerBan[] _bans = [];

    /// <summary>Every ban held, expired ones included until they are dropped.</summary>
    public IReadOnlyList<ServerBan> All => Volatile.Read(ref _bans);

    /// <summary>The bans of <paramref name="kind"/> that hold at <paramref name="now"/>, oldest first.</summary>
    public IEnumerable<ServerBan> Active(BanKind kind, DateTimeOffset now) => All.Where(b => b.Kind == kind && b.IsActive(now));

    /// <summary>The first ban in force that matches a client with that user name, real host and address (an address ban matches before registration too).</summary>
    public ServerBan? Find(string userName, string realHost, IPAddress? address, DateTimeOffset now)
    {
        foreach (var ban in Volatile.Read(ref _bans))
        {
            if (ban.IsActive(now) && BanMasks.Matches(ban, userName, realHost, address))
            {
                return ban;
            }
        }

        return null;
    }

    /// <summary>The first address ban in force that matches <paramref name="address"/> (checked as a connection arrives).</summary>
    public ServerBan? FindAddress(IPAddress address, DateTimeOffset now)
    {
        foreach (var ban in Volatile.Read(ref _bans))
        {
            if (ban.Kind == BanKind.Address && ban.IsActive(now) && BanMasks.Matches(ban, string.Empty, string.Empty, address))
            {
                return ban;
            }
        }

        return null;
    }

    /// <summary>Holds <paramref name="ban"/>, replacing one of the same kind and mask.</summary>
    internal void Set(ServerBan ban)
    {
        lock (_gate)
        {
            Volatile.Write(ref _bans, [.. _bans.Where(b => !Same(b, ban.Kind, ban.Mask)), ban]);
        }
    }

    /// <summary>Drops the ban of that kind and mask; false when there was none.</summary>
    internal bool Remove(BanKind kind, string mask)
    {
        lock (_gate)
        {
            var kept = _bans.Where(b => !Same(b, kind, mask)).ToArray();
            var removed = kept.Length < _bans.Length;
            Volatile.Write(ref _bans, kept);
            return removed;
        }
    }

    private static bool Same(ServerBan ban, BanKind kind, string mask) => ban.Kind == kind && string.Equals(ban.Mask, mask, StringComparison.OrdinalIgnoreCase);
}
