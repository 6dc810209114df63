using Charla.Storage.Bans;

namespace Charla.Storage.Tests;

/// <summary>Server bans on a real SQLite file: kept across a restart, replaced by mask, removed, every field as given.</summary>
public sealed class BanStoreTests : IDisposable
{
    private static readonly DateTimeOffset SetAt = DateTimeOffset.FromUnixTimeMilliseconds(1_765_000_000_123);
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Bans_are_kept_across_a_restart_with_every_field()
    {
        var kline = new ServerBan(BanKind.UserHost, "*spam@203.0.113.*", "spamming", "root", SetAt, null);
        var dline = new ServerBan(BanKind.Address, "198.51.100.0/24", "a botnet; with 'quotes'", "ana", SetAt.AddSeconds(1), SetAt.AddDays(1));
        using (var store = _temp.Open())
        {
            await store.Bans.SaveAsync(kline);
            await store.Bans.SaveAsync(dline);
        }

        using var reopened = _temp.Open();
        Assert.Equal([kline, dline], await reopened.Bans.LoadAsync());
    }

    [Fact]
    public async Task A_ban_on_the_same_mask_replaces_the_old_one_and_a_removed_ban_is_gone()
    {
        using var store = _temp.Open();
        await store.Bans.SaveAsync(new ServerBan(BanKind.UserHost, "*@203.0.113.7", "first", "root", SetAt, null));
        var second = new ServerBan(BanKind.UserHost, "*@203.0.113.7", "second", "ana", SetAt.AddMinutes(1), SetAt.AddHours(1));
        await store.Bans.SaveAsync(second);
        var sameMaskOtherKind = new ServerBan(BanKind.Address, "203.0.113.7", "an address ban", "root", SetAt, null);
        await store.Bans.SaveAsync(sameMaskOtherKind);

        Assert.Equal([sameMaskOtherKind, second], await store.Bans.LoadAsync());

        Assert.True(await store.Bans.DeleteAsync(BanKind.UserHost, "*@203.0.113.7"));
        Assert.False(await store.Bans.DeleteAsync(BanKind.UserHost, "*@203.0.113.7"));
        Assert.Equal([sameMaskOtherKind], await store.Bans.LoadAsync());
    }
}
