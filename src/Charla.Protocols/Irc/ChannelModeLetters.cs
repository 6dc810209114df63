using System.Text;
using Charla.Core.Channels;

namespace Charla.Protocols.Irc;

/// <summary>
/// IRC's channel mode letters for the core's settings, by ISUPPORT CHANMODES type
/// (<c>CHANMODES=beIq,k,l,Cimnst</c>, <c>PREFIX=(ov)@+</c>): type A lists always take a parameter
/// (none lists them), B (k) takes one to set, C (l) only to set, D flags none, prefixes always.
/// </summary>
public static class ChannelModeLetters
{
    public static bool TryGet(char letter, out ChannelSetting setting)
    {
        ChannelSetting? found = letter switch
        {
            'b' => ChannelSetting.Ban,
            'e' => ChannelSetting.BanException,
            'I' => ChannelSetting.InviteException,
            'q' => ChannelSetting.Quiet,
            'k' => ChannelSetting.Key,
            'l' => ChannelSetting.Limit,
            'i' => ChannelSetting.InviteOnly,
            'm' => ChannelSetting.Moderated,
            'n' => ChannelSetting.NoExternalMessages,
            's' => ChannelSetting.Secret,
            't' => ChannelSetting.TopicLocked,
            'C' => ChannelSetting.NoCtcp,
            'o' => ChannelSetting.Operator,
            'v' => ChannelSetting.Voice,
            _ => null,
        };
        setting = found.GetValueOrDefault();
        return found.HasValue;
    }

    public static char Letter(ChannelSetting setting) => setting switch
    {
        ChannelSetting.Ban => 'b',
        ChannelSetting.BanException => 'e',
        ChannelSetting.InviteException => 'I',
        ChannelSetting.Quiet => 'q',
        ChannelSetting.Key => 'k',
        ChannelSetting.Limit => 'l',
        ChannelSetting.InviteOnly => 'i',
        ChannelSetting.Moderated => 'm',
        ChannelSetting.NoExternalMessages => 'n',
        ChannelSetting.Secret => 's',
        ChannelSetting.TopicLocked => 't',
        ChannelSetting.NoCtcp => 'C',
        ChannelSetting.Operator => 'o',
        ChannelSetting.Voice => 'v',
        _ => throw new ArgumentOutOfRangeException(nameof(setting), setting, "No IRC mode letter for this setting."),
    };

    public static bool IsList(ChannelSetting setting) =>
        setting is ChannelSetting.Ban or ChannelSetting.BanException or ChannelSetting.InviteException or ChannelSetting.Quiet;

    /// <summary>Whether the letter takes a parameter when added (+) or removed (-).</summary>
    public static bool TakesParameter(ChannelSetting setting, bool add) => setting switch
    {
        ChannelSetting.Ban or ChannelSetting.BanException or ChannelSetting.InviteException or ChannelSetting.Quiet => true,
        ChannelSetting.Operator or ChannelSetting.Voice => true,
        ChannelSetting.Key => true,
        ChannelSetting.Limit => add,
        _ => false,
    };

    /// <summary>"+ov-b", "alice", "bob", "*!*@spam": applied changes as MODE parameters.</summary>
    public static IReadOnlyList<string> Format(IReadOnlyList<ModeChange> changes)
    {
        var letters = new StringBuilder();
        var arguments = new List<string>();
        bool? sign = null;
        foreach (var change in changes)
        {
            if (sign != change.Add)
            {
                letters.Append(change.Add ? '+' : '-');
                sign = change.Add;
            }

            letters.Append(Letter(change.Setting));
            if (change.Argument is { } argument)
            {
                arguments.Add(argument);
            }
        }

        return [letters.ToString(), .. arguments];
    }

    /// <summary>The 324 reply's mode string and arguments; the key only to members.</summary>
    public static IReadOnlyList<string> Describe(ChannelModes modes, bool showKey)
    {
        var letters = new StringBuilder("+");
        var arguments = new List<string>();
        if (modes.NoCtcp) letters.Append('C');
        if (modes.InviteOnly) letters.Append('i');
        if (modes.Key is { } key)
        {
            letters.Append('k');
            arguments.Add(showKey ? key : "*");
        }

        if (modes.Limit > 0)
        {
            letters.Append('l');
            arguments.Add(modes.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (modes.Moderated) letters.Append('m');
        if (modes.NoExternalMessages) letters.Append('n');
        if (modes.Secret) letters.Append('s');
        if (modes.TopicLocked) letters.Append('t');
        return [letters.ToString(), .. arguments];
    }
}
