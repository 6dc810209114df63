namespace Charla.Core.Channels;

/// <summary>What a join offers the channel's checks: the key given, and the joiner's nick!user@host for bans.</summary>
public readonly record struct JoinAttempt(string? Key, string UserMask);
