using System.Globalization;
using System.Text;
using Charla.Core.Nicknames;
using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>
/// MONITOR + nick{,nick} | - nick{,nick} | C | L | S (ircv3.net/specs/extensions/monitor): a
/// client watches nicks come and go. Adding answers 730 RPL_MONONLINE (nick!user@host) for those
/// online and 731 RPL_MONOFFLINE for the others; removing and clearing answer nothing; L lists
/// (732, 733); S gives the status of each. Targets that are not valid nicks (masks) are ignored;
/// those past the limit (ISUPPORT MONITOR) get 734. Lists longer than a line take several.
/// </summary>
public sealed class MonitorCommand : IIrcCommand
{
    /// <summary>Room for the comma-separated list in one 730-732 line: 512 less the server, numeric, target, CR LF, with margin.</summary>
    private const int ListBudget = 400;

    public void Execute(IrcContext context, IrcMessage message)
    {
        var (engine, session) = (context.Engine, context.Session);
        var targets = message.Count > 1
            ? message[1].Split(',', StringSplitOptions.RemoveEmptyEntries).Where(n => NickRules.IsValid(n, engine.Options.NickLength)).ToList()
            : [];
        switch (message[0])
        {
            case "+":
                var refused = engine.Monitor(session, targets);
                if (refused.Count > 0)
                {
                    session.Numeric(Numerics.ErrMonListFull, engine.Options.MaxMonitorEntries.ToString(CultureInfo.InvariantCulture), string.Join(',', refused), "Monitor list is full");
                }

                SendStatus(context, targets.Except(refused, NickRules.Comparer));
                break;
            case "-":
                engine.Unmonitor(session, targets);
                break;
            case "C" or "c":
                engine.ClearMonitor(session);
                break;
            case "L" or "l":
                SendLists(session, Numerics.RplMonList, engine.MonitorList(session));
                session.Numeric(Numerics.RplEndOfMonList, "End of MONITOR list");
                break;
            case "S" or "s":
                SendStatus(context, engine.MonitorList(session));
                break;
            default:
                session.Numeric(Numerics.ErrUnknownCommand, "MONITOR", "Unknown MONITOR subcommand: use +, -, C, L or S");
                break;
        }
    }

    /// <summary>730 with nick!user@host for the nicks online now, 731 for the others.</summary>
    private static void SendStatus(IrcContext context, IEnumerable<string> nicks)
    {
        var online = new List<string>();
        var offline = new List<string>();
        foreach (var nick in nicks)
        {
            if (context.Engine.FindByNick(nick) is { } user)
            {
                online.Add(IrcWireFormat.PrefixOf(user, user.Nick));
            }
            else
            {
                offline.Add(nick);
            }
        }

        SendLists(context.Session, Numerics.RplMonOnline, online);
        SendLists(context.Session, Numerics.RplMonOffline, offline);
    }

    /// <summary>The items, comma-separated, in as many lines of <paramref name="code"/> as they need.</summary>
    private static void SendLists(IrcSession session, string code, IEnumerable<string> items)
    {
        var line = new StringBuilder();
        foreach (var item in items)
        {
            if (line.Length > 0 && line.Length + 1 + item.Length > ListBudget)
            {
                session.Numeric(code, line.ToString());
                line.Clear();
            }

            line.Append(line.Length > 0 ? "," : string.Empty).Append(item);
        }

        if (line.Length > 0)
        {
            session.Numeric(code, line.ToString());
        }
    }
}
