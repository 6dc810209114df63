using Charla.Storage.History;
using Charla.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Charla.Storage.Tests;

/// <summary>The embedded history store on a real SQLite file: what is acknowledged is there, in order, after a restart too.</summary>
public sealed class HistoryStoreTests : IDisposable
{
    private const string Lobby = "channel:#lobby";
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_record_completes_as_stored_and_reads_back_with_every_field()
    {
        using var store = _temp.Open();
        var record = TempStore.Message(Lobby, "hello there", tags: "+draft/reply=abc");
        store.Append(record);

        Assert.True(await record.WhenCompletedAsync());
        var read = Assert.Single(await store.ReadAsync(new HistoryQuery(Lobby, HistoryDirection.Latest, null, 10)));
        Assert.Equal(
            (record.MessageId, record.Time, record.Kind, record.Target, record.Nick, record.User, record.Host, record.Text, "+draft/reply=abc", record.Sequence),
            (read.MessageId, read.Time, read.Kind, read.Target, read.Nick, read.User, read.Host, read.Text, read.ClientTags, read.Sequence));
    }

    [Fact]
    public async Task Records_appended_from_many_threads_are_stored_in_the_order_they_were_appended()
    {
        using var store = _temp.Open();
        var appended = new List<HistoryRecord>();
        var gate = new Lock(); // as a channel's lock: the order of appends is the order members saw
        await Task.WhenAll(Enumerable.Range(0, 8).Select(sender => Task.Run(() =>
        {
            for (var i = 0; i < 250; i++)
            {
                lock (gate)
                {
                    var record = TempStore.Message(Lobby, $"{sender}:{i}");
                    appended.Add(record);
                    store.Append(record);
                }
            }
        })));

        Assert.All(await Task.WhenAll(appended.Select(r => r.WhenCompletedAsync())), Assert.True);
        var read = await store.ReadAsync(new HistoryQuery(Lobby, HistoryDirection.After, HistoryAnchor.At(DateTimeOffset.UnixEpoch), 5000));
        Assert.Equal(appended.Select(r => r.MessageId), read.Select(r => r.MessageId));
        Assert.Equal(read.Select(r => r.Sequence).Order(), read.Select(r => r.Sequence));
    }

    [Fact]
    public async Task Latest_before_and_after_page_through_one_conversation_oldest_first()
    {
        using var store = _temp.Open();
        var records = Enumerable.Range(1, 10).Select(i => TempStore.Message(Lobby, $"line {i}", at: 1_700_000_000_000 + i * 1000)).ToList();
        records.ForEach(store.Append);
        store.Append(TempStore.Message("channel:#other@x", "elsewhere"));
        await records[^1].WhenCompletedAsync();

        async Task<string[]> Texts(HistoryDirection direction, HistoryAnchor? from, int limit) =>
            [.. (await store.ReadAsync(new HistoryQuery(Lobby, direction, from, limit))).Select(r => r.Text)];

        Assert.Equal(["line 8", "line 9", "line 10"], await Texts(HistoryDirection.Latest, null, 3));
        Assert.Equal(["line 3", "line 4"], await Texts(HistoryDirection.Before, HistoryAnchor.ById(records[4].MessageId), 2));
        Assert.Equal(["line 6", "line 7"], await Texts(HistoryDirection.After, HistoryAnchor.ById(records[4].MessageId), 2));
        Assert.Equal(["line 9", "line 10"], await Texts(HistoryDirection.After, HistoryAnchor.At(records[7].Time), 5));
        Assert.Equal(["line 9", "line 10"], await Texts(HistoryDirection.Latest, HistoryAnchor.At(records[7].Time), 5));
        Assert.Empty(await Texts(HistoryDirection.Latest, null, 0));
        Assert.Empty(await store.ReadAsync(new HistoryQuery("channel:#nobody", HistoryDirection.Latest, null, 10)));
    }

    [Fact]
    public async Task A_channel_made_again_starts_empty_and_the_lobby_keeps_its_history_across_a_restart()
    {
        var lastingLobby = ConversationKeys.Lasting("#lobby");
        var firstLife = ConversationKeys.OneLife("#c", "life1");
        using (var store = _temp.Open())
        {
            Assert.Equal(0, store.OpenedVersion);
            store.Append(TempStore.Message(lastingLobby, "before the restart"));
            var last = TempStore.Message(firstLife, "in the first #c");
            store.Append(last);
            Assert.True(await last.WhenCompletedAsync());
        }

        using var reopened = _temp.Open();
        Assert.Equal(Migrations.Latest, reopened.OpenedVersion);
        Assert.Equal(["before the restart"], (await reopened.ReadAsync(new HistoryQuery(lastingLobby, HistoryDirection.Latest, null, 10))).Select(r => r.Text));
        Assert.Single(await reopened.ReadAsync(new HistoryQuery(firstLife, HistoryDirection.Latest, null, 10)));
        Assert.Empty(await reopened.ReadAsync(new HistoryQuery(ConversationKeys.OneLife("#c", "life2"), HistoryDirection.Latest, null, 10)));
    }

    [Fact]
    public async Task Records_appended_before_dispose_are_stored_by_it()
    {
        var records = Enumerable.Range(0, 500).Select(i => TempStore.Message(Lobby, $"{i}")).ToList();
        using (var store = _temp.Open())
        {
            records.ForEach(store.Append);
        }

        Assert.All(records, r => Assert.True(r.IsStored));
        using var reopened = _temp.Open();
        Assert.Equal(500, (await reopened.ReadAsync(new HistoryQuery(Lobby, HistoryDirection.Latest, null, 1000))).Count);
    }

    [Fact]
    public async Task A_commit_that_fails_completes_its_records_as_not_stored_and_the_store_recovers()
    {
        using var store = _temp.Open();
        var first = TempStore.Message(Lobby, "stored");
        store.Append(first);
        Assert.True(await first.WhenCompletedAsync());

        // Another program takes the table away: the next commit fails.
        Execute("ALTER TABLE messages RENAME TO messages_away;");
        var lost = TempStore.Message(Lobby, "not stored");
        store.Append(lost);
        Assert.False(await lost.WhenCompletedAsync());

        Execute("ALTER TABLE messages_away RENAME TO messages;");
        var again = TempStore.Message(Lobby, "stored again");
        store.Append(again);
        Assert.True(await again.WhenCompletedAsync());
        Assert.Equal(["stored", "stored again"], (await store.ReadAsync(new HistoryQuery(Lobby, HistoryDirection.Latest, null, 10))).Select(r => r.Text));
    }

    [Fact]
    public async Task Past_the_pending_limit_a_record_is_refused_at_once_not_queued()
    {
        using var store = _temp.Open(maxPending: 1);

        // Another connection holds the write lock: the writer's next commit waits for it.
        using var blocker = new SqliteConnection($"Data Source={_temp.DatabasePath};Pooling=False");
        blocker.Open();
        using (var begin = blocker.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE;";
            begin.ExecuteNonQuery();
        }

        var writing = TempStore.Message(Lobby, "being written");
        store.Append(writing);
        SpinWait.SpinUntil(() => store.PendingCount == 0); // the writer took it, and waits for the lock
        var waiting = TempStore.Message(Lobby, "waiting");
        store.Append(waiting);
        var refused = TempStore.Message(Lobby, "refused");
        store.Append(refused);

        Assert.True(refused.IsCompleted);
        Assert.False(refused.IsStored);
        Assert.False(waiting.IsCompleted);
        using (var rollback = blocker.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
        }

        Assert.True(await writing.WhenCompletedAsync());
        Assert.True(await waiting.WhenCompletedAsync());
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_temp.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
