using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>
/// SETNAME :&lt;realname&gt; (ircv3.net/specs/extensions/setname): for clients that negotiated
/// setname. The client and its peers with the capability see <c>:nick!user@host SETNAME :name</c>.
/// </summary>
public sealed class SetnameCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var session = context.Session;
        if (!session.Has(Capabilities.Setname))
        {
            session.Fail("SETNAME", "CANNOT_CHANGE_REALNAME", "SETNAME needs the setname capability");
            return;
        }

        var name = message[0];
        if (name.Length == 0 || name.Length > context.Server.RealNameLength)
        {
            session.Fail("SETNAME", "INVALID_REALNAME", $"Real names are 1 to {context.Server.RealNameLength} characters");
            return;
        }

        var change = context.Engine.SetRealName(session, name);
        session.Deliver(change);
    }
}
