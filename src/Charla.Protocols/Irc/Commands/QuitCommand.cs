using Charla.Core.Sessions;
using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>QUIT [:reason]: the client gets ERROR, then the connection closes; its channels see QUIT.</summary>
public sealed class QuitCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message) =>
        context.Session.Close(DisconnectReason.Quit(message.Count > 0 ? message[0] : null));
}
