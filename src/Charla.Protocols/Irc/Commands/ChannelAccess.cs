using Charla.Core.Channels;
using Charla.Core.Sessions;

namespace Charla.Protocols.Irc.Commands;

/// <summary>
/// Who may act on a channel, answered in one place: 403 ERR_NOSUCHCHANNEL, 442 ERR_NOTONCHANNEL
/// and 482 ERR_CHANOPRIVSNEEDED (defs.ircdocs.horse). Handlers ask for the channel with the
/// standing they need and get null when the client was told why not.
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

    /// <summary>The channel if it exists, the client is in it and is its operator; else 403, 442 or 482.</summary>
    public static Channel? Operated(IrcContext context, string name) =>
        Joined(context, name) is { } channel && IsOperator(context, channel) ? channel : null;

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

    /// <summary>True when the client is an operator of <paramref name="channel"/>; else 482.</summary>
    public static bool IsOperator(IrcContext context, Channel channel)
    {
        if (channel.IsOperator(context.Session))
        {
            return true;
        }

        context.Session.Numeric(Numerics.ErrChanOPrivsNeeded, channel.Name, "You're not channel operator");
        return false;
    }

    /// <summary>Whether <paramref name="session"/> may see that <paramref name="channel"/> exists and who is in it (+s hides it from outsiders).</summary>
    public static bool IsVisibleTo(Channel channel, ClientSession session) => !channel.Modes.Secret || channel.IsMember(session);
}
