using Charla.Core.Sessions;
using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>One IRC command's logic. The dispatcher has already checked its privilege and the parameter count.</summary>
public interface IIrcCommand
{
    void Execute(IrcContext context, IrcMessage message);
}

/// <summary>How the dispatcher treats a command (after ergo's command table).</summary>
/// <param name="MinParams">Fewer parameters get 461 ERR_NEEDMOREPARAMS.</param>
/// <param name="Privilege">Who may run it: others get 451 ERR_NOTREGISTERED or 481 ERR_NOPRIVILEGES.</param>
/// <param name="ServerTargetAt">
/// The index of an optional &lt;target&gt; server parameter (INFO, VERSION, TIME, ADMIN, MOTD), or
/// -1: a target that names neither this server (a mask of its name) nor a user on it gets 402
/// ERR_NOSUCHSERVER.
/// </param>
/// <remarks>
/// What a command needs of a channel (to be in it, to be its operator) depends on its
/// parameters, often several channels at once: handlers ask <see cref="ChannelAccess"/>, the
/// one place that answers 403, 442 and 482.
/// </remarks>
/// <param name="Needs">For <see cref="Privilege.ServerOperator"/> commands, the operator privileges they take (723 ERR_NOPRIVS without).</param>
public sealed record IrcCommandDescriptor(
    string Name, int MinParams, Privilege Privilege, IIrcCommand Handler, int ServerTargetAt = -1, OperatorPrivileges Needs = OperatorPrivileges.None);

/// <summary>Who may run a command.</summary>
public enum Privilege
{
    /// <summary>Anyone, registered or not (CAP, NICK, USER, PING...).</summary>
    None,

    /// <summary>A registered client.</summary>
    Registered,

    /// <summary>A registered server operator (after OPER).</summary>
    ServerOperator,
}
