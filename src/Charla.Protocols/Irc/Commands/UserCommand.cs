using Charla.Protocols.Irc.Messages;
using Charla.Protocols.Irc.Registration;

namespace Charla.Protocols.Irc.Commands;

/// <summary>USER &lt;username&gt; 0 * :&lt;realname&gt; (registration only; neither may be empty).</summary>
public sealed class UserCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var session = context.Session;
        if (session.IsRegistered || session.HasUser)
        {
            session.Numeric(Numerics.ErrAlreadyRegistered, "You may not reregister");
            return;
        }

        // An empty realname is a missing parameter too (modern.ircdocs.horse, USER): registration waits.
        var userName = new string(message[0].Where(c => c > ' ' && c != '@' && c != '!' && c != ':' && !char.IsControl(c)).ToArray());
        if (userName.Length == 0 || message[3].Length == 0)
        {
            session.Numeric(Numerics.ErrNeedMoreParams, "USER", "Not enough parameters");
            return;
        }

        session.SetUser(userName, message[3]);
        RegistrationFlow.TryComplete(context);
    }
}
