namespace Charla.Storage.History;

/// <summary>
/// How conversations are named in the store. A channel that lasts (the lobby; registered channels
/// once accounts exist) is keyed by its name, so its history comes back with it; any other
/// channel is keyed by its name and the moment it was made, so that when it dies with its last
/// member and someone makes it again, the newcomers do not read the old conversation (its
/// name may have passed to strangers).
/// </summary>
public static class ConversationKeys
{
    /// <summary>The key of a channel that keeps its history across lives.</summary>
    public static string Lasting(string foldedName) => "channel:" + foldedName;

    /// <summary>The key of one life of a channel (<paramref name="life"/> is unique to it).</summary>
    public static string OneLife(string foldedName, string life) => "channel:" + foldedName + "@" + life;
}
