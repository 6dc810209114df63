using Charla.Core.Nicknames;
using Charla.Protocols.Irc.Messages;
using Charla.Protocols.Irc.Registration;

namespace Charla.Protocols.Irc.Commands;

/// <summary>NICK &lt;nickname&gt;: choose a nickname before registration, or change it after.</summary>
public sealed class NickCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var (engine, session) = (context.Engine, context.Session);
        if (message.Count == 0 || message[0].Length == 0)
        {
            session.Numeric(Numerics.ErrNoNicknameGiven, "No nickname given");
            return;
        }

        var nick = message[0];
        if (!NickRules.IsValid(nick, engine.Options.NickLength))
        {
            session.Numeric(Numerics.ErrErroneousNickname, nick, "Erroneous nickname");
            return;
        }

        if (!session.IsRegistered)
        {
            if (!engine.IsNickFree(nick))
            {
                session.Numeric(Numerics.ErrNicknameInUse, nick, "Nickname is already in use");
                return;
            }

            session.PendingNick = nick;
            RegistrationFlow.TryComplete(context);
            return;
        }

        var old = session.Prefix;
        switch (engine.ChangeNick(session, nick))
        {
            case NickChangeResult.InUse:
                session.Numeric(Numerics.ErrNicknameInUse, nick, "Nickname is already in use");
                break;
            case NickChangeResult.Changed:
                // The peers were told by the engine; the client hears it too, from its old prefix.
                session.SendLine(IrcLine.Build(old, "NICK", [nick]));
                break;
        }
    }
}
