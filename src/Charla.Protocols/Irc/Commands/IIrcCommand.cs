using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>One IRC command's logic. The dispatcher has already checked registration and the parameter count.</summary>
public interface IIrcCommand
{
    void Execute(IrcContext context, IrcMessage message);
}

/// <summary>How the dispatcher treats a command (after ergo's command table).</summary>
/// <param name="MinParams">Fewer parameters get 461 ERR_NEEDMOREPARAMS.</param>
/// <param name="BeforeRegistration">Allowed before registration completes; others get 451 ERR_NOTREGISTERED.</param>
public sealed record IrcCommandDescriptor(string Name, int MinParams, bool BeforeRegistration, IIrcCommand Handler);
