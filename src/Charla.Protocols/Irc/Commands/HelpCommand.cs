using Charla.Protocols.Irc.Help;
using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>
/// HELP [&lt;subject&gt;] and HELPOP (modern.ircdocs.horse, HELP): the section on a command or
/// topic as 704 RPL_HELPSTART, 705 RPL_HELPTXT lines and 706 RPL_ENDOFHELP, each naming the
/// subject ("*" for the index); 524 ERR_HELPNOTFOUND when there is none.
/// </summary>
public sealed class HelpCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var session = context.Session;
        var subject = message.Count > 0 && message[0].Length > 0 ? message[0] : HelpText.Index;
        if (HelpText.Find(subject) is not { } lines)
        {
            session.Numeric(Numerics.ErrHelpNotFound, subject, "No help available on this topic");
            return;
        }

        var shown = subject == HelpText.Index ? subject : subject.ToUpperInvariant();
        for (var i = 0; i < lines.Count; i++)
        {
            var code = i == 0 ? Numerics.RplHelpStart : i == lines.Count - 1 ? Numerics.RplEndOfHelp : Numerics.RplHelpTxt;
            session.Numeric(code, shown, lines[i]);
        }
    }
}
