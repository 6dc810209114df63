namespace Charla.Core.Nicknames;

/// <summary>The outcome of asking for a new nickname.</summary>
public enum NickChangeResult
{
    /// <summary>The session has the new nickname and its peers were told.</summary>
    Changed,
    /// <summary>The session already has exactly that nickname; nothing happened.</summary>
    Unchanged,
    /// <summary>The name breaks <see cref="NickRules"/>.</summary>
    Invalid,
    /// <summary>Another session holds the name (compared case-insensitively).</summary>
    InUse,
}
