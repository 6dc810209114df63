namespace Charla.Core.Channels;

/// <summary>The outcome of renaming a channel.</summary>
public enum RenameResult
{
    Renamed,
    /// <summary>Another channel has the new name.</summary>
    NameInUse,
    /// <summary>The lobby keeps its configured name (plain mode finds it by that name).</summary>
    IsLobby,
}
