using Charla.Storage.History;
using Charla.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Charla.Protocols.Tests.History;

/// <summary>A real SQLite store in a directory of the test's own, deleted with it.</summary>
internal sealed class StoredHistory : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("charla-history-").FullName;

    public StoredHistory() =>
        Store = SqliteStore.Open(new SqliteStoreOptions { DataDirectory = _directory }, NullLogger.Instance);

    public SqliteStore Store { get; }

    /// <summary>The texts stored for the lobby (or <paramref name="conversation"/>), oldest first.</summary>
    public async Task<List<string>> TextsAsync(string conversation = "channel:#lobby") =>
        [.. (await Store.ReadAsync(new HistoryQuery(conversation, HistoryDirection.Latest, null, 1000))).Select(r => r.Text)];

    /// <summary>The records stored for the lobby, oldest first.</summary>
    public Task<IReadOnlyList<HistoryRecord>> LobbyAsync() =>
        Store.ReadAsync(new HistoryQuery("channel:#lobby", HistoryDirection.Latest, null, 1000));

    /// <summary>Runs SQL on the database from another connection, as another program could.</summary>
    public void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Store.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Makes every commit fail from now on (the table is gone), until <see cref="Heal"/>.</summary>
    public void Break() => Execute("ALTER TABLE messages RENAME TO messages_away;");

    public void Heal() => Execute("ALTER TABLE messages_away RENAME TO messages;");

    public void Dispose()
    {
        Store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
