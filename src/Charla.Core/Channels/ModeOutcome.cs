namespace Charla.Core.Channels;

/// <summary>What became of one asked-for <see cref="ModeChange"/>.</summary>
public enum ModeOutcome
{
    /// <summary>Applied, and announced to the members.</summary>
    Applied,
    /// <summary>Already so (or not on the list): nothing to announce.</summary>
    Unchanged,
    /// <summary>A member status change named a nick nobody holds.</summary>
    NoSuchNick,
    /// <summary>A member status change named someone not in the channel.</summary>
    NotOnChannel,
    /// <summary>The ban, exception or invite-exception list is full.</summary>
    ListFull,
    /// <summary>The argument is missing or unusable (a key with spaces, a limit that is not a number).</summary>
    BadArgument,
}
