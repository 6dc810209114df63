using Charla.Protocols.Irc.Messages;
using Charla.Protocols.Irc.Registration;

namespace Charla.Protocols.Irc.Commands;

/// <summary>USER &lt;username&gt; 0 * :&lt;realname&gt; (registration only).</summary>
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

        var userName = new string(message[0].Where(c => c > ' ' && c != '@' && c != '!' && c != ':').ToArray());
        if (userName.Length == 0)
        {
            session.Numeric(Numerics.ErrNeedMoreParams, "USER", "Not enough parameters");
            return;
        }

        session.SetUser(userName, message[3]);
        RegistrationFlow.TryComplete(context);
    }
}
