using Charla.Core.Sessions;
using Charla.Core.Channels;
using Charla.Core.Routing;
using Charla.Protocols.Irc.Commands.Bans;
using Charla.Protocols.Irc.Messages;
using Charla.Storage.Bans;

namespace Charla.Protocols.Irc.Commands;

/// <summary>Every IRC command Charla understands, and the one place that emits 402, 421, 451, 461 and 481.</summary>
/// <remarks>
/// A plain dictionary, not a FrozenDictionary: for 34 verbs the lookup costs the same, and a frozen
/// collection would load System.Collections.Immutable (about 0.9 MB of library pages) into a server
/// that uses nothing else from it.
/// </remarks>
public static class IrcCommandTable
{
    private static readonly Dictionary<string, IrcCommandDescriptor> Commands = new IrcCommandDescriptor[]
    {
        new("CAP", 1, Privilege.None, new CapCommand()),
        new("PASS", 1, Privilege.None, new PassCommand()),
        new("NICK", 0, Privilege.None, new NickCommand()),
        new("USER", 4, Privilege.None, new UserCommand()),
        new("PING", 1, Privilege.None, new PingCommand()),
        new("PONG", 0, Privilege.None, new PongCommand()),
        new("QUIT", 0, Privilege.None, new QuitCommand()),
        new("JOIN", 1, Privilege.Registered, new JoinCommand()),
        new("PART", 1, Privilege.Registered, new PartCommand()),
        new("PRIVMSG", 0, Privilege.Registered, new MessageCommand(MessageKind.Normal)),
        new("NOTICE", 0, Privilege.Registered, new MessageCommand(MessageKind.Notice)),
        new("TAGMSG", 0, Privilege.Registered, new MessageCommand(MessageKind.TagsOnly)),
        new("NAMES", 0, Privilege.Registered, new NamesCommand()),
        new("TOPIC", 1, Privilege.Registered, new TopicCommand()),
        new("MODE", 1, Privilege.Registered, new ModeCommand()),
        new("KICK", 2, Privilege.Registered, new KickCommand()),
        new("INVITE", 2, Privilege.Registered, new InviteCommand()),
        new("WHO", 0, Privilege.Registered, new WhoCommand()),
        new("CHATHISTORY", 0, Privilege.Registered, new ChathistoryCommand()),
        new("SEARCH", 0, Privilege.Registered, new SearchCommand()),
        new("REDACT", 2, Privilege.Registered, new RedactCommand()),
        new("WHOIS", 1, Privilege.Registered, new WhoisCommand()),
        new("WHOWAS", 0, Privilege.Registered, new WhowasCommand()),
        new("INFO", 0, Privilege.Registered, new InfoCommand(), ServerTargetAt: 0),
        new("ADMIN", 0, Privilege.Registered, new AdminCommand(), ServerTargetAt: 0),
        new("LIST", 0, Privilege.Registered, new ListCommand()),
        new("AWAY", 0, Privilege.Registered, new AwayCommand()),
        new("SETNAME", 1, Privilege.Registered, new SetnameCommand()),
        new("OPER", 2, Privilege.Registered, new OperCommand()),
        new("WALLOPS", 1, Privilege.ServerOperator, new WallopsCommand(), Needs: OperatorPrivileges.Wallops),
        new("CHGHOST", 3, Privilege.ServerOperator, new ChghostCommand(), Needs: OperatorPrivileges.ChangeHost),
        new("KILL", 1, Privilege.ServerOperator, new KillCommand(), Needs: OperatorPrivileges.Kill),
        new("KLINE", 1, Privilege.ServerOperator, new BanCommand(BanKind.UserHost), Needs: OperatorPrivileges.Ban),
        new("UNKLINE", 1, Privilege.ServerOperator, new UnbanCommand(BanKind.UserHost), Needs: OperatorPrivileges.Ban),
        new("DLINE", 1, Privilege.ServerOperator, new BanCommand(BanKind.Address), Needs: OperatorPrivileges.Ban),
        new("UNDLINE", 1, Privilege.ServerOperator, new UnbanCommand(BanKind.Address), Needs: OperatorPrivileges.Ban),
        new("SAMODE", 2, Privilege.ServerOperator, new SamodeCommand(), Needs: OperatorPrivileges.Override),
        new("REHASH", 0, Privilege.ServerOperator, new RehashCommand(), Needs: OperatorPrivileges.Rehash),
        new("STATS", 1, Privilege.Registered, new StatsCommand(), ServerTargetAt: 1),
        new("MONITOR", 1, Privilege.Registered, new MonitorCommand()),
        new("METADATA", 1, Privilege.None, new MetadataCommand()),
        new("BATCH", 1, Privilege.Registered, new BatchCommand()),
        new("RENAME", 2, Privilege.Registered, new RenameCommand()),
        new("LINKS", 0, Privilege.Registered, new LinksCommand()),
        new("HELP", 0, Privilege.Registered, new HelpCommand()),
        new("HELPOP", 0, Privilege.Registered, new HelpCommand()),
        new("USERHOST", 1, Privilege.Registered, new UserhostCommand()),
        new("ISON", 1, Privilege.Registered, new IsonCommand()),
        new("MOTD", 0, Privilege.Registered, new MotdCommand(), ServerTargetAt: 0),
        new("LUSERS", 0, Privilege.Registered, new LusersCommand()),
        new("VERSION", 0, Privilege.Registered, new VersionCommand(), ServerTargetAt: 0),
        new("TIME", 0, Privilege.Registered, new TimeCommand(), ServerTargetAt: 0),
    }.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);

    // Looked up by the command as sent, in any case, without making a string of it.
    private static readonly Dictionary<string, IrcCommandDescriptor>.AlternateLookup<ReadOnlySpan<char>> ByVerb =
        Commands.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The verbs, for tests and documentation.</summary>
    public static IEnumerable<string> Names => Commands.Keys;

    public static void Dispatch(IrcContext context, IrcMessage message)
    {
        var session = context.Session;
        if (!ByVerb.TryGetValue(message.CommandSpan, out var command))
        {
            if (session.IsRegistered)
            {
                session.Numeric(Numerics.ErrUnknownCommand, message.Command, "Unknown command");
            }
            else
            {
                session.Numeric(Numerics.ErrNotRegistered, "You have not registered");
            }

            return;
        }

        message.Command = command.Name;
        if (command.Privilege != Privilege.None && !session.IsRegistered)
        {
            session.Numeric(Numerics.ErrNotRegistered, "You have not registered");
            return;
        }

        if (command.Privilege == Privilege.ServerOperator && !MayUse(session, command.Needs))
        {
            return;
        }

        if (message.Count < command.MinParams)
        {
            session.Numeric(Numerics.ErrNeedMoreParams, message.Command, "Not enough parameters");
            return;
        }

        if (command.ServerTargetAt >= 0 && message.Count > command.ServerTargetAt && !IsThisServer(context, message[command.ServerTargetAt]))
        {
            session.Numeric(Numerics.ErrNoSuchServer, message[command.ServerTargetAt], "No such server");
            return;
        }

        command.Handler.Execute(context, message);
    }

    /// <summary>
    /// True for a server operator with every one of <paramref name="needs"/>; else the client is
    /// told why not: 481 if it is no operator, 723 naming what its class lacks.
    /// </summary>
    public static bool MayUse(IrcSession session, OperatorPrivileges needs)
    {
        if (!session.IsServerOperator)
        {
            session.Numeric(Numerics.ErrNoPrivileges, "Permission Denied- You're not an IRC operator");
            return false;
        }

        if (!session.Has(needs))
        {
            session.Numeric(Numerics.ErrNoPrivs, OperatorPrivilegeNames.Describe(needs & ~session.OperatorPrivileges), "Insufficient oper privileges.");
            return false;
        }

        return true;
    }

    /// <summary>Whether a command's server target means this server: its name (or a mask of it), or a user here.</summary>
    private static bool IsThisServer(IrcContext context, string target) =>
        target.Length == 0 || Wildcard.Matches(target, context.Server.Name) || context.Engine.FindByNick(target) is not null;
}
