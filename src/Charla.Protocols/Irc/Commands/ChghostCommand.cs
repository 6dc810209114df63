using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>
/// CHGHOST &lt;nick&gt; &lt;user&gt; &lt;host&gt; (as InspIRCd's operator command): an operator sets a
/// user's user name and host. Clients with the chghost capability see
/// <c>:nick!old@old CHGHOST user host</c>; others see nothing change until they ask.
/// </summary>
public sealed class ChghostCommand : IIrcCommand
{
    private const int MaxHostLength = 63;

    public void Execute(IrcContext context, IrcMessage message)
    {
        var (engine, session) = (context.Engine, context.Session);
        if (engine.FindByNick(message[0]) is not { } target)
        {
            session.Numeric(Numerics.ErrNoSuchNick, message[0], "No such nick/channel");
            return;
        }

        var (user, host) = (message[1], message[2]);
        if (!IsValid(user, 16) || !IsValid(host, MaxHostLength))
        {
            session.Fail("CHGHOST", "INVALID_HOST", "User names and hosts are letters, digits, '.', '-', '_', '~', ':'");
            return;
        }

        engine.Events.OperatorChangedHost(session.Nick, session.OperatorName ?? "?", target.Nick, user, host);
        engine.ChangeHost(target, user, host);
    }

    private static bool IsValid(string value, int maxLength) =>
        value.Length > 0 && value.Length <= maxLength && value[0] != ':'
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '~' or ':');
}
