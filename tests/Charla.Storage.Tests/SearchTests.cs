using Charla.Storage.History;
using Charla.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Charla.Storage.Tests;

/// <summary>Search over stored messages (SQLite FTS5): every word, whole words, case and accents aside, newest matches, filters, and a database from before search existed.</summary>
public sealed class SearchTests : IDisposable
{
    private const string Lobby = "channel:#lobby";
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    private static async Task StoreAsync(SqliteStore store, params HistoryRecord[] records)
    {
        foreach (var record in records)
        {
            store.Append(record);
        }

        Assert.True(await records[^1].WhenCompletedAsync());
    }

    private static async Task<string[]> FindAsync(SqliteStore store, string? text, string? from = null, DateTimeOffset? after = null, DateTimeOffset? before = null, int limit = 10, string conversation = Lobby) =>
        [.. (await store.SearchAsync(new HistorySearch([conversation], text, from, after, before, limit))).Select(r => r.Text)];

    [Fact]
    public async Task Every_word_must_be_there_whole_whatever_its_case_or_accents()
    {
        using var store = _temp.Open();
        await StoreAsync(store,
            TempStore.Message(Lobby, "The café opens at nine"),
            TempStore.Message(Lobby, "cafe closed today"),
            TempStore.Message(Lobby, "cafeteria food"),
            TempStore.Message("channel:#other@x", "cafe elsewhere"));

        Assert.Equal(["The café opens at nine", "cafe closed today"], await FindAsync(store, "CAFE"));
        Assert.Equal(["cafe closed today"], await FindAsync(store, "cafe today"));
        Assert.Empty(await FindAsync(store, "cafe tomorrow"));
    }

    [Fact]
    public async Task The_newest_matches_come_back_oldest_first_and_filters_narrow_them()
    {
        using var store = _temp.Open();
        var records = Enumerable.Range(1, 6).Select(i => TempStore.Message(Lobby, $"match {i}", nick: i % 2 == 0 ? "ana" : "bob", at: 1_700_000_000_000 + i * 1000)).ToArray();
        await StoreAsync(store, records);

        Assert.Equal(["match 5", "match 6"], await FindAsync(store, "match", limit: 2));
        Assert.Equal(["match 2", "match 4", "match 6"], await FindAsync(store, "match", from: "ANA"));
        Assert.Equal(["match 3", "match 4"], await FindAsync(store, "match", after: records[1].Time, before: records[4].Time));
        Assert.Equal(["match 1", "match 3", "match 5"], await FindAsync(store, text: null, from: "bob"));
    }

    [Theory]
    [InlineData("\"unbalanced")]
    [InlineData("NEAR(a b)")]
    [InlineData("* OR -")]
    [InlineData("text:secret")]
    public async Task Search_syntax_in_the_words_is_only_words(string words)
    {
        using var store = _temp.Open();
        await StoreAsync(store, TempStore.Message(Lobby, "nothing to see"));

        Assert.Empty(await FindAsync(store, words)); // no error, no match
    }

    [Fact]
    public async Task Channel_events_are_not_searched()
    {
        using var store = _temp.Open();
        var join = TempStore.Message(Lobby, "joined words");
        await StoreAsync(store, new HistoryRecord
        {
            Conversation = Lobby, Target = "#lobby", MessageId = "e1", Time = DateTimeOffset.UnixEpoch.AddDays(1), Kind = HistoryKind.Topic, Nick = "ra", Text = "topic words",
        }, join);

        Assert.Equal(["joined words"], await FindAsync(store, "words"));
    }

    [Fact]
    public async Task A_database_from_before_search_is_upgraded_and_its_old_messages_are_found()
    {
        using (var old = new SqliteConnection($"Data Source={_temp.DatabasePath};Pooling=False"))
        {
            old.Open();
            Migrations.Apply(old, _temp.DatabasePath, upTo: 1);
            using var insert = old.CreateCommand();
            insert.CommandText = """
                INSERT INTO conversations (key, created) VALUES ('channel:#lobby', 0);
                INSERT INTO messages (conversation, msgid, time, kind, target, nick, user, host, account, text, tags, detail)
                VALUES (1, 'old1', 1700000000000, 1, '#lobby', 'ra', '~ra', 'h', NULL, 'written before search existed', '', '');
                """;
            insert.ExecuteNonQuery();
        }

        using var store = _temp.Open();
        Assert.Equal(1, store.OpenedVersion);
        Assert.Equal(["written before search existed"], await FindAsync(store, "before search"));
        await StoreAsync(store, TempStore.Message(Lobby, "written after the upgrade"));
        Assert.Equal(["written before search existed", "written after the upgrade"], await FindAsync(store, "written"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_removed_message_is_gone_from_history_and_search_whether_or_not_it_was_indexed_yet(bool searchedBefore)
    {
        using var store = _temp.Open();
        var keep = TempStore.Message(Lobby, "harmless words");
        var spam = TempStore.Message(Lobby, "buy cheap words");
        await StoreAsync(store, keep, spam);
        if (searchedBefore)
        {
            Assert.Equal(2, (await FindAsync(store, "words")).Length); // indexed now
        }

        var removal = new HistoryRemoval(Lobby, spam.MessageId);
        store.Remove(removal);
        Assert.True(await removal.WhenCompletedAsync());

        Assert.True(removal.Found);
        Assert.Equal(["harmless words"], (await store.ReadAsync(new HistoryQuery(Lobby, HistoryDirection.Latest, null, 10))).Select(r => r.Text));
        Assert.Equal(["harmless words"], await FindAsync(store, "words"));
        Assert.Empty(await FindAsync(store, "cheap"));
    }

    [Fact]
    public async Task Removing_a_message_that_is_not_there_or_is_in_another_conversation_finds_nothing()
    {
        using var store = _temp.Open();
        var message = TempStore.Message(Lobby, "stays");
        await StoreAsync(store, message);

        var elsewhere = new HistoryRemoval("channel:#other@x", message.MessageId);
        var unknown = new HistoryRemoval(Lobby, "no-such-id");
        store.Remove(elsewhere);
        store.Remove(unknown);

        Assert.True(await unknown.WhenCompletedAsync());
        Assert.False(elsewhere.Found);
        Assert.False(unknown.Found);
        Assert.Equal(["stays"], await FindAsync(store, "stays"));
    }
}
