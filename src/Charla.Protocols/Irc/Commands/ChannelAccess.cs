using Charla.Core.Channels;
using Charla.Core.Sessions;

namespace Charla.Protocols.Irc.Commands;

/// <summary>
/// Who may act on a channel, answered in one place: 403 ERR_NOSUCHCHANNEL, 442 ERR_NOTONCHANNEL
/// and 482 ERR_CHANOPRIVSNEEDED (defs.ircdocs.horse). Handlers ask for the channel with the
/// standing they need and get null when the client was told why not. A server operator with
/// the override privilege passes where a channel operator would, in or out of the channel:
/// each such use is logged, and told to the operator and to the channel's own operators.
/// </summary>
public static class ChannelAccess
{
    /// <summary>The channel named <paramref name="name"/> if it exists and the client may see it; else 403.</summary>
    public static Channel? Visible(IrcContext context, string name)
    {
        var channel = context.Engine.FindChannel(name);
        if (channel is null || !IsVisibleTo(channel, context.Session))
        {
            context.Session.Numeric(Numerics.ErrNoSuchChannel, name, "No such channel");
            return null;
        }

        return channel;
    }

    /// <summary>The channel if it exists and the client is in it; else 403 or 442.</summary>
    public static Channel? Joined(IrcContext context, string name) =>
        Visible(context, name) is { } channel && IsMember(context, channel) ? channel : null;

    /// <summary>
    /// The channel if it exists, the client is in it and is its operator (or overrides, for
    /// <paramref name="action"/>, without being in it); else 403, 442 or 482.
    /// </summary>
    public static Channel? Operated(IrcContext context, string name, string action)
    {
        var channel = Visible(context, name);
        return channel is not null && (context.Session.Has(OperatorPrivileges.Override) || IsMember(context, channel)) && IsOperator(context, channel, action)
            ? channel
            : null;
    }

    /// <summary>True when the client is in <paramref name="channel"/>; else 442.</summary>
    public static bool IsMember(IrcContext context, Channel channel)
    {
        if (channel.IsMember(context.Session))
        {
            return true;
        }

        context.Session.Numeric(Numerics.ErrNotOnChannel, channel.Name, "You're not on that channel");
        return false;
    }

    /// <summary>True when the client is an operator of <paramref name="channel"/>, or overrides for <paramref name="action"/> (a command, as the log shows it); else 482.</summary>
    public static bool IsOperator(IrcContext context, Channel channel, string action)
    {
        if (channel.IsOperator(context.Session))
        {
            return true;
        }

        if (context.Session.Has(OperatorPrivileges.Override))
        {
            Override(context, channel, action);
            return true;
        }

        context.Session.Numeric(Numerics.ErrChanOPrivsNeeded, channel.Name, "You're not channel operator");
        return false;
    }

    /// <summary>
    /// Whether <paramref name="session"/> may see that <paramref name="channel"/> exists and who is
    /// in it (+s hides it from outsiders, but for operators who may override).
    /// </summary>
    public static bool IsVisibleTo(Channel channel, ClientSession session) =>
        !channel.Modes.Secret || channel.IsMember(session) || session.Has(OperatorPrivileges.Override);

    private static void Override(IrcContext context, Channel channel, string action)
    {
        var session = context.Session;
        context.Engine.Events.OperatorOverride(session.Nick, session.OperatorName ?? "?", channel.Name, action);
        var notice = $"{session.Nick} used operator override on {channel.Name}: {action}";
        session.ServerNotice(notice);
        foreach (var member in channel.Members)
        {
            if (member is IrcSession op && !ReferenceEquals(op, session) && channel.IsOperator(op))
            {
                op.ServerNotice(notice);
            }
        }
    }
}
