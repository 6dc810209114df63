namespace Charla.Storage.Sqlite;

/// <summary>
/// The data directory, made if missing and held for as long as the server runs: a lock file in
/// it keeps a second server from writing the same database.
/// </summary>
internal sealed class DataDirectory : IDisposable
{
    private readonly FileStream _lock;

    private DataDirectory(string path, FileStream lockFile)
    {
        Path = path;
        _lock = lockFile;
    }

    /// <summary>The directory's full path.</summary>
    public string Path { get; }

    public static DataDirectory Claim(string directory)
    {
        var path = System.IO.Path.GetFullPath(directory);
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"cannot create the data directory {path}: {ex.Message}", ex);
        }

        var lockPath = System.IO.Path.Combine(path, "charla.lock");
        try
        {
            // FileShare.None is an exclusive lock (flock on Unix) that another Charla cannot take.
            return new DataDirectory(path, new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new StorageException($"the data directory {path} is not writable: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new StorageException($"the data directory {path} is in use by another Charla server ({lockPath} is locked)", ex);
        }
    }

    public void Dispose() => _lock.Dispose();
}
