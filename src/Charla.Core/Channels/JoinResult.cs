namespace Charla.Core.Channels;

/// <summary>The outcome of joining a channel.</summary>
public enum JoinResult
{
    Joined,
    /// <summary>The session is already a member; nothing happened.</summary>
    AlreadyMember,
    /// <summary>The session is in as many channels as <see cref="EngineOptions.MaxChannelsPerUser"/> allows.</summary>
    TooManyChannels,
    /// <summary>The channel is invite-only and the session was not invited.</summary>
    InviteOnly,
    /// <summary>The channel has a key and the session gave another.</summary>
    BadKey,
    /// <summary>The channel is at its member limit.</summary>
    Full,
    /// <summary>The session matches a ban.</summary>
    Banned,
}
