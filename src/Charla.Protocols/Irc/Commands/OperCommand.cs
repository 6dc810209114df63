using System.Security.Cryptography;
using System.Text;
using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>
/// OPER &lt;name&gt; &lt;password&gt; against Irc:Operators: 381 and user mode +o, or 491 (no such
/// operator) / 464 (wrong password). Passwords are compared in constant time.
/// </summary>
public sealed class OperCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var session = context.Session;
        var account = context.Server.Options.Operators.FirstOrDefault(o => string.Equals(o.Name, message[0], StringComparison.Ordinal));
        if (account is null)
        {
            session.Numeric(Numerics.ErrNoOperHost, "No O-lines for your host");
            return;
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(account.Password), Encoding.UTF8.GetBytes(message[1])))
        {
            session.Numeric(Numerics.ErrPasswdMismatch, "Password incorrect");
            return;
        }

        if (!session.IsServerOperator)
        {
            context.Engine.SetServerOperator(session, true);
            session.SendLine(IrcLine.Build(session.Nick, "MODE", [session.Nick, "+o"], trailing: true));
        }

        session.Numeric(Numerics.RplYoureOper, "You are now an IRC operator");
    }
}
