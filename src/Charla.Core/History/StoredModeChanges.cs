using Charla.Core.Channels;

namespace Charla.Core.History;

/// <summary>
/// Mode changes as history keeps them: the core's names, not a protocol's letters, so a
/// stored change means the same to every protocol and survives a change of letters
/// ("+Moderated -Key +Ban=*!*@spam.example").
/// </summary>
public static class StoredModeChanges
{
    private const char ArgumentSeparator = '=';

    public static string Format(IReadOnlyList<ModeChange> changes) =>
        string.Join(' ', changes.Select(c =>
            (c.Add ? "+" : "-") + c.Setting + (c.Argument is { } argument ? ArgumentSeparator + argument : string.Empty)));

    /// <summary>The changes in <paramref name="detail"/>; a token it does not know is skipped (a record from a newer build).</summary>
    public static IReadOnlyList<ModeChange> Parse(string detail)
    {
        var changes = new List<ModeChange>();
        foreach (var token in detail.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = token.IndexOf(ArgumentSeparator);
            var name = separator < 0 ? token[1..] : token[1..separator];
            if (token[0] is '+' or '-' && Enum.TryParse<ChannelSetting>(name, ignoreCase: false, out var setting) && Enum.IsDefined(setting))
            {
                changes.Add(new ModeChange(token[0] == '+', setting, separator < 0 ? null : token[(separator + 1)..]));
            }
        }

        return changes;
    }
}
