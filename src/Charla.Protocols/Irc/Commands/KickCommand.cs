using Charla.Core.Channels;
using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>
/// KICK &lt;channel&gt;{,&lt;channel&gt;} &lt;user&gt;{,&lt;user&gt;} [:&lt;comment&gt;] by a channel operator
/// (RFC 2812 section 3.2.8): one channel and several users, or as many channels as users,
/// taken in pairs. Each kick is its own KICK line to the members (never one naming several),
/// at most TARGMAX KICK users; the comment defaults to the kicker's nick.
/// </summary>
public sealed class KickCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var (engine, session) = (context.Engine, context.Session);
        var channels = message[0].Split(',', StringSplitOptions.RemoveEmptyEntries);
        var users = message[1].Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (channels.Length == 0 || users.Length == 0 || channels.Length > 1 && channels.Length != users.Length)
        {
            session.Numeric(Numerics.ErrNeedMoreParams, "KICK", "Not enough parameters");
            return;
        }

        var reason = message.Count > 2 && message[2].Length > 0 ? message[2] : session.Nick;
        reason = reason.Length > context.Server.KickLength ? reason[..context.Server.KickLength] : reason;
        var checkedChannels = new Dictionary<string, Channel?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < users.Length && i < context.Server.MaxTargets; i++)
        {
            var name = channels.Length == 1 ? channels[0] : channels[i];
            if (!checkedChannels.TryGetValue(name, out var channel))
            {
                channel = checkedChannels[name] = ChannelAccess.Operated(context, name, $"KICK {name} {message[1]}"); // told once per channel why not
            }

            if (channel is null)
            {
                continue;
            }

            if (engine.FindByNick(users[i]) is not { } target)
            {
                session.Numeric(Numerics.ErrNoSuchNick, users[i], "No such nick/channel");
            }
            else if (!engine.Kick(session, channel, target, reason))
            {
                session.Numeric(Numerics.ErrUserNotInChannel, target.Nick, channel.Name, "They aren't on that channel");
            }
        }
    }
}
