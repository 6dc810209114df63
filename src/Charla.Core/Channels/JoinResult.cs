namespace Charla.Core.Channels;

/// <summary>The outcome of joining a channel.</summary>
public enum JoinResult
{
    Joined,
    /// <summary>The session is already a member; nothing happened.</summary>
    AlreadyMember,
    /// <summary>The session is in as many channels as <see cref="EngineOptions.MaxChannelsPerUser"/> allows.</summary>
    TooManyChannels,
}
