using Charla.Core.Routing;
using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>Every IRC command Charla understands, and the one place that emits 451, 461 and 421.</summary>
/// <remarks>
/// A plain dictionary, not a FrozenDictionary: for 34 verbs the lookup costs the same, and a frozen
/// collection would load System.Collections.Immutable (about 0.9 MB of library pages) into a server
/// that uses nothing else from it.
/// </remarks>
public static class IrcCommandTable
{
    private static readonly Dictionary<string, IrcCommandDescriptor> Commands = new IrcCommandDescriptor[]
    {
        new("CAP", 1, true, new CapCommand()),
        new("PASS", 1, true, new PassCommand()),
        new("NICK", 0, true, new NickCommand()),
        new("USER", 4, true, new UserCommand()),
        new("PING", 1, true, new PingCommand()),
        new("PONG", 0, true, new PongCommand()),
        new("QUIT", 0, true, new QuitCommand()),
        new("JOIN", 1, false, new JoinCommand()),
        new("PART", 1, false, new PartCommand()),
        new("PRIVMSG", 0, false, new MessageCommand(MessageKind.Normal)),
        new("NOTICE", 0, false, new MessageCommand(MessageKind.Notice)),
        new("TAGMSG", 0, false, new MessageCommand(MessageKind.TagsOnly)),
        new("NAMES", 0, false, new NamesCommand()),
        new("TOPIC", 1, false, new TopicCommand()),
        new("MODE", 1, false, new ModeCommand()),
        new("KICK", 2, false, new KickCommand()),
        new("INVITE", 2, false, new InviteCommand()),
        new("WHO", 0, false, new WhoCommand()),
        new("WHOIS", 1, false, new WhoisCommand()),
        new("WHOWAS", 0, false, new WhowasCommand()),
        new("INFO", 0, false, new InfoCommand()),
        new("ADMIN", 0, false, new AdminCommand()),
        new("LIST", 0, false, new ListCommand()),
        new("AWAY", 0, false, new AwayCommand()),
        new("SETNAME", 1, false, new SetnameCommand()),
        new("OPER", 2, false, new OperCommand()),
        new("WALLOPS", 1, false, new WallopsCommand()),
        new("CHGHOST", 3, false, new ChghostCommand()),
        new("USERHOST", 1, false, new UserhostCommand()),
        new("ISON", 1, false, new IsonCommand()),
        new("MOTD", 0, false, new MotdCommand()),
        new("LUSERS", 0, false, new LusersCommand()),
        new("VERSION", 0, false, new VersionCommand()),
        new("TIME", 0, false, new TimeCommand()),
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
        if (!command.BeforeRegistration && !session.IsRegistered)
        {
            session.Numeric(Numerics.ErrNotRegistered, "You have not registered");
            return;
        }

        if (message.Count < command.MinParams)
        {
            session.Numeric(Numerics.ErrNeedMoreParams, message.Command, "Not enough parameters");
            return;
        }

        command.Handler.Execute(context, message);
    }
}
