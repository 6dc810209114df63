using Charla.Core.Channels;
using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>
/// RENAME &lt;channel&gt; &lt;new name&gt; [:&lt;reason&gt;] (ircv3.net/specs/extensions/channel-rename,
/// draft/channel-rename) by a channel operator: the channel keeps its members, modes and topic.
/// Members with the capability see <c>:nick!user@host RENAME #old #new :reason</c>; others see it
/// parted and joined again. Refusals: 403, 442, 482; <c>FAIL RENAME CHANNEL_NAME_IN_USE</c>;
/// <c>FAIL RENAME CANNOT_RENAME</c> for an invalid name or the lobby.
/// </summary>
public sealed class RenameCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var session = context.Session;
        if (ChannelAccess.Operated(context, message[0], $"RENAME {message[0]} {(message.Count > 1 ? message[1] : string.Empty)}") is not { } channel)
        {
            return;
        }

        var (oldName, newName) = (channel.Name, message[1]);
        if (!context.Server.IsValidChannelName(newName))
        {
            session.Reply(context.Server.Name, "FAIL", "RENAME", ["CANNOT_RENAME", oldName, newName, "That is not a valid channel name"], trailing: true);
            return;
        }

        var reason = message.Count > 2 ? message[2] : string.Empty;
        switch (context.Engine.Rename(session, channel, newName, reason))
        {
            case RenameResult.NameInUse:
                session.Reply(context.Server.Name, "FAIL", "RENAME", ["CHANNEL_NAME_IN_USE", oldName, newName, "The channel name is already taken"], trailing: true);
                break;
            case RenameResult.IsLobby:
                session.Reply(context.Server.Name, "FAIL", "RENAME", ["CANNOT_RENAME", oldName, newName, "The lobby keeps its name"], trailing: true);
                break;
        }
    }
}
