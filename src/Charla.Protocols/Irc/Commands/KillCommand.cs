using Charla.Core.Sessions;
using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>
/// KILL &lt;nickname&gt; [:&lt;comment&gt;] (modern.ircdocs.horse, KILL), server operators only (the
/// dispatcher answers 481): the user is closed with <c>ERROR :Closing Link: host (Killed (oper
/// (comment)))</c> and its channels see a QUIT with that reason. A plain-mode user is removed the
/// same way. Without a comment (as ergo allows) the comment is "no reason given".
/// </summary>
public sealed class KillCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var session = context.Session;
        if (context.Engine.FindByNick(message[0]) is not { } target)
        {
            session.Numeric(Numerics.ErrNoSuchNick, message[0], "No such nick/channel");
            return;
        }

        var comment = message.Count > 1 && message[1].Length > 0 ? message[1] : "no reason given";
        context.Engine.Events.OperatorKill(session.Nick, session.OperatorName ?? "?", target.Nick, $"{target.UserName}@{target.Host}", comment);
        target.Close(DisconnectReason.Killed(session.Nick, comment));
    }
}
