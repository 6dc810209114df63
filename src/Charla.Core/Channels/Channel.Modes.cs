using System.Globalization;
using Charla.Core.Routing;
using Charla.Core.Sessions;

namespace Charla.Core.Channels;

/// <summary>
/// A channel's mode rules: who may join (+i, +k, +l, +b with +e and +I), and how each mode change
/// applies (flags, key, limit, the mask lists, member status). Everything here runs under the
/// channel's lock (see <see cref="Channel"/>).
/// </summary>
public sealed partial class Channel
{
    /// <summary>
    /// Applies <paramref name="changes"/> in order and tells every member, in one event, those
    /// that changed something. The caller checked that <paramref name="actor"/> may change modes.
    /// </summary>
    internal IReadOnlyList<ModeOutcome> ChangeModes(
        ClientSession actor, IReadOnlyList<ModeChange> changes, Func<string, ClientSession?> findNick, int maxListEntries, DateTimeOffset now)
    {
        lock (_gate)
        {
            var outcomes = new ModeOutcome[changes.Count];
            var applied = new List<ModeChange>();
            var modes = _modes;
            for (var i = 0; i < changes.Count; i++)
            {
                var change = changes[i];
                (outcomes[i], modes, var shown) = Apply(modes, change, findNick, maxListEntries, actor.Nick, now);
                if (outcomes[i] == ModeOutcome.Applied)
                {
                    applied.Add(shown);
                }
            }

            Volatile.Write(ref _modes, modes);
            if (applied.Count > 0)
            {
                var changed = new ChannelModeEvent(actor, actor.Nick, this, applied) { Time = now };
                Fanout.Deliver(_members, changed, except: null);
                Record(changed);
            }

            return outcomes;
        }
    }

    /// <summary>Why <paramref name="session"/> may not join, or null. Runs under the lock.</summary>
    private JoinResult? Admit(ClientSession session, JoinAttempt attempt)
    {
        var modes = _modes;
        var invited = _invited.Contains(session);
        if (modes.InviteOnly && !invited && !modes.IsInviteExcepted(attempt.UserMask))
        {
            return JoinResult.InviteOnly;
        }

        if (modes.Key is { } key && !string.Equals(key, attempt.Key, StringComparison.Ordinal))
        {
            return JoinResult.BadKey;
        }

        // An invitation lets one past the limit too (modern.ircdocs.horse, "Client Limit").
        if (modes.Limit > 0 && _members.Length >= modes.Limit && !invited)
        {
            return JoinResult.Full;
        }

        return modes.IsBanned(attempt.UserMask) && !invited ? JoinResult.Banned : null;
    }

    /// <summary>One change against <paramref name="modes"/>: the outcome, the new settings, and the change as announced.</summary>
    private (ModeOutcome, ChannelModes, ModeChange) Apply(
        ChannelModes modes, ModeChange change, Func<string, ClientSession?> findNick, int maxListEntries, string setBy, DateTimeOffset now)
    {
        var add = change.Add;
        switch (change.Setting)
        {
            case ChannelSetting.InviteOnly:
                return Flag(modes.InviteOnly, modes with { InviteOnly = add });
            case ChannelSetting.Moderated:
                return Flag(modes.Moderated, modes with { Moderated = add });
            case ChannelSetting.NoExternalMessages:
                return Flag(modes.NoExternalMessages, modes with { NoExternalMessages = add });
            case ChannelSetting.Secret:
                return Flag(modes.Secret, modes with { Secret = add });
            case ChannelSetting.TopicLocked:
                return Flag(modes.TopicLocked, modes with { TopicLocked = add });
            case ChannelSetting.NoCtcp:
                return Flag(modes.NoCtcp, modes with { NoCtcp = add });
            case ChannelSetting.Key when add:
                return string.IsNullOrEmpty(change.Argument) || change.Argument.Contains(' ', StringComparison.Ordinal)
                    ? (ModeOutcome.BadArgument, modes, change)
                    : (ModeOutcome.Applied, modes with { Key = change.Argument }, change);
            case ChannelSetting.Key:
                // Removing shows the key removed ("-k *" when the client gave none).
                return modes.Key is null ? (ModeOutcome.Unchanged, modes, change)
                    : (ModeOutcome.Applied, modes with { Key = null }, change with { Argument = change.Argument ?? "*" });
            case ChannelSetting.Limit when add:
                return int.TryParse(change.Argument, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit > 0
                    ? (modes.Limit == limit ? ModeOutcome.Unchanged : ModeOutcome.Applied, modes with { Limit = limit }, change with { Argument = limit.ToString(CultureInfo.InvariantCulture) })
                    : (ModeOutcome.BadArgument, modes, change);
            case ChannelSetting.Limit:
                return modes.Limit == 0 ? (ModeOutcome.Unchanged, modes, change) : (ModeOutcome.Applied, modes with { Limit = 0 }, change with { Argument = null });
            case ChannelSetting.Ban or ChannelSetting.BanException or ChannelSetting.InviteException or ChannelSetting.Quiet:
                return ChangeList(modes, change, maxListEntries, setBy, now);
            default:
                return ChangeStatus(modes, change, findNick);
        }

        (ModeOutcome, ChannelModes, ModeChange) Flag(bool current, ChannelModes changed) =>
            current == add ? (ModeOutcome.Unchanged, modes, change) : (ModeOutcome.Applied, changed, change);
    }

    private static (ModeOutcome, ChannelModes, ModeChange) ChangeList(
        ChannelModes modes, ModeChange change, int maxListEntries, string setBy, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(change.Argument))
        {
            return (ModeOutcome.BadArgument, modes, change);
        }

        var mask = Wildcard.Normalize(change.Argument);
        var list = modes.ListOf(change.Setting);
        var index = -1;
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i].Mask, mask, StringComparison.OrdinalIgnoreCase))
            {
                index = i;
                break;
            }
        }

        if (change.Add && index >= 0 || !change.Add && index < 0)
        {
            return (ModeOutcome.Unchanged, modes, change);
        }

        if (change.Add && list.Count >= maxListEntries)
        {
            return (ModeOutcome.ListFull, modes, change);
        }

        // A new array: the old one may be in a reader's hands.
        ListEntry[] updated = change.Add ? [.. list, new ListEntry(mask, setBy, now)] : [.. list.Where((_, i) => i != index)];
        var result = change.Setting switch
        {
            ChannelSetting.Ban => modes with { Bans = updated },
            ChannelSetting.BanException => modes with { BanExceptions = updated },
            ChannelSetting.Quiet => modes with { Quiets = updated },
            _ => modes with { InviteExceptions = updated },
        };
        return (ModeOutcome.Applied, result, change with { Argument = mask });
    }

    private (ModeOutcome, ChannelModes, ModeChange) ChangeStatus(ChannelModes modes, ModeChange change, Func<string, ClientSession?> findNick)
    {
        if (string.IsNullOrEmpty(change.Argument))
        {
            return (ModeOutcome.BadArgument, modes, change);
        }

        if (findNick(change.Argument) is not { } target)
        {
            return (ModeOutcome.NoSuchNick, modes, change);
        }

        if (Array.IndexOf(_members, target) < 0)
        {
            return (ModeOutcome.NotOnChannel, modes, change);
        }

        var set = change.Setting == ChannelSetting.Operator ? _operators : _voiced;
        var changed = change.Add ? set.Add(target) : set.Remove(target);
        return (changed ? ModeOutcome.Applied : ModeOutcome.Unchanged, modes, change with { Argument = target.Nick });
    }
}
