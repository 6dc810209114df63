namespace Charla.Core.Channels;

/// <summary>A channel setting that can be changed (IRC's channel modes, in the core's words).</summary>
public enum ChannelSetting
{
    /// <summary>Only invited users (or those matching an invite exception) may join (IRC +i).</summary>
    InviteOnly,
    /// <summary>Joining needs the key (IRC +k).</summary>
    Key,
    /// <summary>At most this many members (IRC +l).</summary>
    Limit,
    /// <summary>Only operators and voiced members may speak (IRC +m).</summary>
    Moderated,
    /// <summary>Only members may send to the channel (IRC +n).</summary>
    NoExternalMessages,
    /// <summary>The channel is hidden from those outside it (IRC +s).</summary>
    Secret,
    /// <summary>Only operators may set the topic (IRC +t).</summary>
    TopicLocked,
    /// <summary>No CTCP requests or replies but actions, from anyone (IRC +C, as ergo and InspIRCd).</summary>
    NoCtcp,
    /// <summary>A ban mask: matching users may not join or speak (IRC +b).</summary>
    Ban,
    /// <summary>A ban exception mask (IRC +e).</summary>
    BanException,
    /// <summary>An invite exception mask: matching users may join an invite-only channel (IRC +I).</summary>
    InviteException,
    /// <summary>A quiet mask: matching members may stay but not speak, unless voiced, an operator or ban-excepted (IRC +q, as Solanum).</summary>
    Quiet,
    /// <summary>A member's operator status (IRC +o).</summary>
    Operator,
    /// <summary>A member's voice (IRC +v).</summary>
    Voice,
}

/// <summary>One change asked for, or applied: add or remove a setting, with its argument (mask, key, limit, nick).</summary>
public readonly record struct ModeChange(bool Add, ChannelSetting Setting, string? Argument = null);

/// <summary>A mask on one of a channel's lists, who set it and when.</summary>
public sealed record ListEntry(string Mask, string SetBy, DateTimeOffset SetAt);

/// <summary>
/// A channel's settings, immutable: a change makes a new one (copy on write), so readers (MODE
/// queries, message checks) take no lock.
/// </summary>
public sealed record ChannelModes
{
    /// <summary>New channels: +nt, as most IRC servers create them.</summary>
    public static readonly ChannelModes Default = new();

    /// <summary>The lobby: +n, and anyone may set its topic (it has no operators).</summary>
    public static readonly ChannelModes Lobby = new() { TopicLocked = false };

    public bool InviteOnly { get; init; }

    public bool Moderated { get; init; }

    public bool NoExternalMessages { get; init; } = true;

    public bool Secret { get; init; }

    public bool TopicLocked { get; init; } = true;

    public bool NoCtcp { get; init; }

    public string? Key { get; init; }

    /// <summary>The member limit; 0 for none.</summary>
    public int Limit { get; init; }

    // Lists are arrays never changed in place (a change makes a new ChannelModes with a new
    // array), so they are read without locks.
    public IReadOnlyList<ListEntry> Bans { get; init; } = [];

    public IReadOnlyList<ListEntry> BanExceptions { get; init; } = [];

    public IReadOnlyList<ListEntry> InviteExceptions { get; init; } = [];

    public IReadOnlyList<ListEntry> Quiets { get; init; } = [];

    public IReadOnlyList<ListEntry> ListOf(ChannelSetting setting) => setting switch
    {
        ChannelSetting.Ban => Bans,
        ChannelSetting.BanException => BanExceptions,
        ChannelSetting.InviteException => InviteExceptions,
        ChannelSetting.Quiet => Quiets,
        _ => throw new ArgumentOutOfRangeException(nameof(setting)),
    };

    /// <summary>True when <paramref name="userMask"/> (nick!user@host) is banned and not excepted.</summary>
    /// <remarks>Asked for every message to the channel: loops, not LINQ, so that it allocates nothing.</remarks>
    public bool IsBanned(string userMask) => AnyMatches(Bans, userMask) && !AnyMatches(BanExceptions, userMask);

    public bool IsInviteExcepted(string userMask) => AnyMatches(InviteExceptions, userMask);

    /// <summary>True when <paramref name="userMask"/> is quieted and not ban-excepted.</summary>
    public bool IsQuieted(string userMask) => AnyMatches(Quiets, userMask) && !AnyMatches(BanExceptions, userMask);

    private static bool AnyMatches(IReadOnlyList<ListEntry> list, string userMask)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (Wildcard.Matches(list[i].Mask, userMask))
            {
                return true;
            }
        }

        return false;
    }
}
