using Charla.Storage.History;
using Charla.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Charla.Storage.Tests;

/// <summary>A data directory of a test's own, deleted at the end, and stores opened on it.</summary>
internal sealed class TempStore : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("charla-store-").FullName;

    public SqliteStore Open(StorageSync sync = StorageSync.Normal, int maxPending = 100_000) =>
        SqliteStore.Open(new SqliteStoreOptions { DataDirectory = Directory, Sync = sync, MaxPendingRecords = maxPending }, NullLogger.Instance);

    /// <summary>A store that keeps <paramref name="retentionDays"/> of history and at most <paramref name="cap"/> records per conversation, as of <paramref name="time"/>.</summary>
    public SqliteStore OpenWithRetention(TimeProvider time, int retentionDays = 0, int cap = 0) =>
        SqliteStore.Open(new SqliteStoreOptions { DataDirectory = Directory }, NullLogger.Instance, time, new HistoryRetention(retentionDays, cap));

    public string DatabasePath => Path.Combine(Directory, SqliteStore.FileName);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    /// <summary>A channel message as the engine makes them.</summary>
    public static HistoryRecord Message(string conversation, string text, string nick = "ra", long at = 1_700_000_000_000, string tags = "") => new()
    {
        Conversation = conversation,
        Target = "#c",
        MessageId = Guid.NewGuid().ToString("N"),
        Time = DateTimeOffset.FromUnixTimeMilliseconds(at),
        Kind = HistoryKind.Privmsg,
        Nick = nick,
        User = "~" + nick,
        Host = "127.0.0.1",
        Text = text,
        ClientTags = tags,
    };
}
