using Charla.Core.Security;
using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>
/// OPER &lt;name&gt; &lt;password&gt; against the operator blocks (Irc:Operators): user mode +o, 381 and
/// the block's class's privileges, or 491 (no such operator) / 464 (wrong password), each logged.
/// The password is checked against its hash on the thread pool (a PBKDF2 hash takes a while on
/// purpose): this client's next lines wait for it, nobody else's do.
/// </summary>
public sealed class OperCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var (engine, session) = (context.Engine, context.Session);
        var name = message[0];
        if (context.Server.Operators.Find(name) is not { } block)
        {
            engine.Events.OperatorLoginFailed(session.Nick, session.UserHost, name, "no such operator");
            session.Numeric(Numerics.ErrNoOperHost, "No O-lines for your host");
            return;
        }

        var check = PasswordHash.VerifyAsync(message[1], block.PasswordHash);
        session.ContinueAfter(check, () =>
        {
            if (!check.IsCompletedSuccessfully || !check.Result)
            {
                engine.Events.OperatorLoginFailed(session.Nick, session.UserHost, name, "wrong password");
                session.Numeric(Numerics.ErrPasswdMismatch, "Password incorrect");
                return;
            }

            if (!session.IsServerOperator)
            {
                session.SendLine(IrcLine.Build(session.Nick, "MODE", [session.Nick, "+o"], trailing: true));
            }

            engine.SetServerOperator(session, block.Name, block.Class, block.Privileges);
            session.Numeric(Numerics.RplYoureOper, "You are now an IRC operator");
        });
    }
}
