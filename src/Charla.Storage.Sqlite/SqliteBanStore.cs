using Charla.Storage.Bans;
using Microsoft.Data.Sqlite;

namespace Charla.Storage.Sqlite;

/// <summary>
/// Server bans in the <c>server_bans</c> table of the store's database, on a connection of their
/// own (the history writer's belongs to its thread). Bans change rarely: one statement at a
/// time, on the thread pool, each its own transaction; the history writer waits its turn for the
/// moment one holds the write lock (busy_timeout), as this one waits for the writer's.
/// </summary>
internal sealed class SqliteBanStore : IBanStore, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _turn = new(1, 1);

    public SqliteBanStore(string path)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        _connection.Open();
        _connection.DefaultTimeout = 5;
        using var pragma = _connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 5000;";
        pragma.ExecuteNonQuery();
    }

    public Task<IReadOnlyList<ServerBan>> LoadAsync() => RunAsync<IReadOnlyList<ServerBan>>(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, mask, reason, set_by, set_at, expires FROM server_bans ORDER BY set_at;";
        using var reader = command.ExecuteReader();
        var bans = new List<ServerBan>();
        while (reader.Read())
        {
            bans.Add(new ServerBan(
                (BanKind)reader.GetInt32(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
                reader.IsDBNull(5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
        }

        return bans;
    });

    public Task SaveAsync(ServerBan ban) => RunAsync(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO server_bans (kind, mask, reason, set_by, set_at, expires) VALUES ($kind, $mask, $reason, $setBy, $setAt, $expires)
            ON CONFLICT (kind, mask) DO UPDATE SET reason = excluded.reason, set_by = excluded.set_by, set_at = excluded.set_at, expires = excluded.expires;
            """;
        command.Parameters.AddWithValue("$kind", (int)ban.Kind);
        command.Parameters.AddWithValue("$mask", ban.Mask);
        command.Parameters.AddWithValue("$reason", ban.Reason);
        command.Parameters.AddWithValue("$setBy", ban.SetBy);
        command.Parameters.AddWithValue("$setAt", ban.SetAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$expires", ban.Expires is { } expires ? expires.ToUnixTimeMilliseconds() : DBNull.Value);
        return command.ExecuteNonQuery();
    });

    public Task<bool> DeleteAsync(BanKind kind, string mask) => RunAsync(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM server_bans WHERE kind = $kind AND mask = $mask;";
        command.Parameters.AddWithValue("$kind", (int)kind);
        command.Parameters.AddWithValue("$mask", mask);
        return command.ExecuteNonQuery() > 0;
    });

    private async Task<T> RunAsync<T>(Func<SqliteConnection, T> work)
    {
        await _turn.WaitAsync().ConfigureAwait(false);
        try
        {
            return await Task.Run(() => work(_connection)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SqliteException or ObjectDisposedException or InvalidOperationException)
        {
            throw new StorageException($"bans could not be read or written: {SqliteStore.Describe(ex)}", ex);
        }
        finally
        {
            _turn.Release();
        }
    }

    public void Dispose() => _connection.Dispose();
}
