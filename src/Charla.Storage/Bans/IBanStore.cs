namespace Charla.Storage.Bans;

/// <summary>
/// Where server bans are kept across restarts. Calls may wait for the disk: the core makes them
/// off the threads that serve clients. A failure is a <see cref="StorageException"/>.
/// </summary>
public interface IBanStore
{
    /// <summary>Every ban kept, expired ones included (the caller drops those).</summary>
    Task<IReadOnlyList<ServerBan>> LoadAsync();

    /// <summary>Keeps <paramref name="ban"/>, replacing a ban of the same kind and mask.</summary>
    Task SaveAsync(ServerBan ban);

    /// <summary>Forgets the ban of that kind and mask; false when there was none.</summary>
    Task<bool> DeleteAsync(BanKind kind, string mask);
}
