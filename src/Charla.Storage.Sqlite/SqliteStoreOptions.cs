namespace Charla.Storage.Sqlite;

/// <summary>Where and how the embedded store keeps its data.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The data directory (made if missing); the database is <c>charla.db</c> in it.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>How far a commit goes before the messages in it are acknowledged.</summary>
    public StorageSync Sync { get; set; } = StorageSync.Normal;

    /// <summary>
    /// Records that may wait for the writer. Past this (a disk that stalls), new ones are refused at
    /// once, not acknowledged, instead of piling up in memory.
    /// </summary>
    public int MaxPendingRecords { get; set; } = 100_000;
}

/// <summary>How far a commit goes (SQLite's <c>synchronous</c> setting, in WAL mode).</summary>
public enum StorageSync
{
    /// <summary>
    /// Each commit is written to the operating system before its messages are acknowledged: a
    /// crash of the server (even <c>kill -9</c>) loses nothing acknowledged; a power cut or a
    /// crash of the machine may lose the last moments. SQLite's NORMAL.
    /// </summary>
    Normal,

    /// <summary>Each commit also waits for the disk (fsync) before its acknowledgements: survives a power cut. SQLite's FULL.</summary>
    Full,
}
