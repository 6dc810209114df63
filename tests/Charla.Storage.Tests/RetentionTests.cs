using Charla.Storage.History;
using Charla.Storage.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Charla.Storage.Tests;

/// <summary>History:RetentionDays and the per-channel cap: what is too old or too many leaves history and search, and nothing else does.</summary>
public sealed class RetentionTests : IDisposable
{
    private const string Lobby = "channel:#lobby";
    private const string Other = "channel:#other@1";
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private readonly TempStore _temp = new();
    private readonly FakeTimeProvider _time = new(Now);

    public void Dispose() => _temp.Dispose();

    private static HistoryRecord Said(string conversation, string text, TimeSpan ago) =>
        TempStore.Message(conversation, text, at: (Now - ago).ToUnixTimeMilliseconds());

    private static async Task StoreAsync(SqliteStore store, IEnumerable<HistoryRecord> records)
    {
        HistoryRecord? last = null;
        foreach (var record in records)
        {
            store.Append(last = record);
        }

        Assert.True(await last!.WhenCompletedAsync());
    }

    private static async Task<string[]> TextsAsync(SqliteStore store, string conversation = Lobby) =>
        [.. (await store.ReadAsync(new HistoryQuery(conversation, HistoryDirection.Latest, null, 10_000))).Select(r => r.Text)];

    private static async Task<string[]> FoundAsync(SqliteStore store, string words) =>
        [.. (await store.SearchAsync(new HistorySearch([Lobby, Other], words, null, null, null, 100))).Select(r => r.Text)];

    [Fact]
    public async Task Records_older_than_the_retention_leave_history_and_search_and_the_rest_stays()
    {
        using var store = _temp.OpenWithRetention(_time, retentionDays: 7);
        await StoreAsync(store, [Said(Lobby, "ancient words", TimeSpan.FromDays(30)), Said(Other, "old words", TimeSpan.FromDays(8)), Said(Lobby, "recent words", TimeSpan.FromDays(6))]);
        Assert.Equal(3, (await FoundAsync(store, "words")).Length); // indexed before the pruning

        Assert.True(await store.PruneNowAsync());

        Assert.Equal(["recent words"], await TextsAsync(store));
        Assert.Empty(await TextsAsync(store, Other));
        Assert.Equal(["recent words"], await FoundAsync(store, "words"));
        Assert.Equal(2, store.Pruned);
    }

    [Fact]
    public async Task A_backlog_of_many_chunks_is_all_removed_and_time_moving_on_removes_more()
    {
        using var store = _temp.OpenWithRetention(_time, retentionDays: 1);
        var old = Enumerable.Range(0, (HistoryPruner.Chunk * 2) + 500).Select(i => Said(Lobby, $"old {i}", TimeSpan.FromDays(2)));
        await StoreAsync(store, [.. old, Said(Lobby, "today", TimeSpan.FromHours(1))]);

        Assert.True(await store.PruneNowAsync());
        Assert.Equal(["today"], await TextsAsync(store));

        _time.Advance(TimeSpan.FromDays(1));
        Assert.True(await store.PruneNowAsync());
        Assert.Empty(await TextsAsync(store));
    }

    [Fact]
    public async Task A_channel_keeps_its_newest_records_up_to_the_cap_and_others_are_not_touched()
    {
        using var store = _temp.OpenWithRetention(_time, cap: 3);
        await StoreAsync(store, Enumerable.Range(1, 5).Select(i => Said(Lobby, $"lobby {i}", TimeSpan.FromMinutes(10 - i))));
        await StoreAsync(store, [Said(Other, "other 1", TimeSpan.Zero), Said(Other, "other 2", TimeSpan.Zero)]);

        Assert.True(await store.PruneNowAsync());

        Assert.Equal(["lobby 3", "lobby 4", "lobby 5"], await TextsAsync(store));
        Assert.Equal(["other 1", "other 2"], await TextsAsync(store, Other));
        Assert.Equal(["lobby 3", "lobby 4", "lobby 5"], await FoundAsync(store, "lobby"));
    }

    [Fact]
    public async Task Without_a_retention_nothing_is_removed()
    {
        using var store = _temp.OpenWithRetention(_time);
        await StoreAsync(store, [Said(Lobby, "from long ago", TimeSpan.FromDays(3650))]);

        Assert.True(await store.PruneNowAsync());

        Assert.Equal(["from long ago"], await TextsAsync(store));
    }
}
