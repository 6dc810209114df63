using Charla.Storage.History;
using Charla.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Charla.Storage.Tests;

/// <summary>Opening the store: every problem a server would trip on later is one clear error at start.</summary>
public sealed class OpeningTests : IDisposable
{
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_new_directory_is_made_with_the_database_in_it()
    {
        var nested = Path.Combine(_temp.Directory, "a", "b");
        using var store = SqliteStore.Open(new SqliteStoreOptions { DataDirectory = nested }, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        Assert.Equal(Path.Combine(nested, "charla.db"), store.DatabasePath);
        Assert.True(File.Exists(store.DatabasePath));
    }

    [Fact]
    public void A_second_store_on_the_same_directory_is_refused_while_the_first_is_open()
    {
        using (var first = _temp.Open())
        {
            var ex = Assert.Throws<StorageException>(() => _temp.Open());
            Assert.Contains("in use by another Charla server", ex.Message, StringComparison.Ordinal);
        }

        using var again = _temp.Open(); // let go with the first
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_refused_with_a_clear_message()
    {
        File.WriteAllText(_temp.DatabasePath, "this is not a database, just some text that is long enough to have a header.......");
        var ex = Assert.Throws<StorageException>(() => _temp.Open());
        Assert.Equal($"cannot open {_temp.DatabasePath}: it is not a Charla database, or it is damaged (SQLITE_NOTADB)", ex.Message);
    }

    [Fact]
    public void A_database_from_a_newer_charla_is_refused()
    {
        using (var connection = new SqliteConnection($"Data Source={_temp.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA user_version = {Migrations.Latest + 1};";
            command.ExecuteNonQuery();
        }

        var ex = Assert.Throws<StorageException>(() => _temp.Open());
        Assert.Contains($"was written by a newer Charla (schema version {Migrations.Latest + 1}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_data_directory_that_cannot_be_made_is_one_clear_error()
    {
        var file = Path.Combine(_temp.Directory, "a-file");
        File.WriteAllText(file, "x");
        var ex = Assert.Throws<StorageException>(() => SqliteStore.Open(
            new SqliteStoreOptions { DataDirectory = Path.Combine(file, "data") }, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));
        Assert.StartsWith($"cannot create the data directory {Path.Combine(file, "data")}", ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<int> EarlierVersions => [.. Enumerable.Range(1, Migrations.Latest - 1)];

    [Theory]
    [MemberData(nameof(EarlierVersions))]
    public async Task A_database_of_an_earlier_version_is_upgraded_and_its_history_read_in_order(int version)
    {
        using (var old = new SqliteConnection($"Data Source={_temp.DatabasePath};Pooling=False"))
        {
            old.Open();
            Migrations.Apply(old, _temp.DatabasePath, upTo: version);
            using var insert = old.CreateCommand();
            insert.CommandText = """
                INSERT INTO conversations (key, created) VALUES ('channel:#lobby', 0);
                INSERT INTO messages (conversation, msgid, time, kind, target, nick, user, host, account, text, tags, detail) VALUES
                    (1, 'old1', 1700000000000, 1, '#lobby', 'ra', '~ra', 'h', NULL, 'first', '', ''),
                    (1, 'old2', 1700000000000, 1, '#lobby', 'ra', '~ra', 'h', NULL, 'second', '', ''),
                    (1, 'old3', 1700000001000, 1, '#lobby', 'ra', '~ra', 'h', NULL, 'third', '', '');
                """;
            insert.ExecuteNonQuery();
        }

        using var store = _temp.Open();
        Assert.Equal(version, store.OpenedVersion);
        var lobby = new HistoryQuery("channel:#lobby", HistoryDirection.Latest, null, 10);
        Assert.Equal(["first", "second", "third"], (await store.ReadAsync(lobby)).Select(r => r.Text));
        Assert.Equal(["second", "third"], (await store.ReadAsync(lobby with { Direction = HistoryDirection.After, From = HistoryAnchor.ById("old1") })).Select(r => r.Text));
        var later = TempStore.Message("channel:#lobby", "fourth", at: 1_700_000_002_000);
        store.Append(later);
        Assert.True(await later.WhenCompletedAsync());
        Assert.Equal(["first", "second", "third", "fourth"], (await store.ReadAsync(lobby)).Select(r => r.Text));
    }
}
