using System.Globalization;
using Charla.Core.Nicknames;
using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>WHOWAS &lt;nick|mask&gt; [&lt;count&gt;]: 314 and 312 per former user, newest first, then 369; 406 when none.</summary>
public sealed class WhowasCommand : IIrcCommand
{
    private const int DefaultCount = 10;

    public void Execute(IrcContext context, IrcMessage message)
    {
        var session = context.Session;
        if (message.Count == 0 || message[0].Length == 0)
        {
            // "At the end of all reply batches, there must be RPL_ENDOFWHOWAS (even if ... an error)" (RFC 2812 3.6.3).
            session.Numeric(Numerics.ErrNoNicknameGiven, "No nickname given");
            session.Numeric(Numerics.RplEndOfWhoWas, "*", "End of WHOWAS");
            return;
        }

        var nick = message[0].Split(',')[0];
        var count = message.Count > 1 && int.TryParse(message[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : DefaultCount;
        var entries = context.Engine.Whowas.Find(nick, count);
        if (entries.Count == 0)
        {
            session.Numeric(Numerics.ErrWasNoSuchNick, nick, "There was no such nickname");
        }

        foreach (var entry in entries)
        {
            session.Numeric(Numerics.RplWhoWasUser, entry.Nick, entry.UserName, IrcLine.Host(entry.Host), "*", entry.RealName);
            session.Numeric(Numerics.RplWhoisServer, entry.Nick, context.Server.Name, entry.LeftAt.ToString("R", CultureInfo.InvariantCulture));
        }

        // A mask that found one nick names it at the end, as a nick would.
        var named = entries.Select(e => e.Nick).Distinct(NickRules.Comparer).Take(2).ToList() is [var only] ? only : nick;
        session.Numeric(Numerics.RplEndOfWhoWas, named, "End of WHOWAS");
    }
}
