using Charla.Core.Routing;
using Charla.Core.Sessions;
using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc;

/// <summary>
/// Core events as IRC lines, with the source's full prefix:
/// <code>
/// :ana!~ana@host PRIVMSG #lobby :hello          a message (an action is CTCP ACTION)
/// :ana!~ana@host JOIN #lobby
/// :ana!~ana@host PART #lobby :reason
/// :ana!~ana@host QUIT :reason
/// :ana!~ana@host NICK anna
/// :ana!~ana@host TOPIC #lobby :text
/// </code>
/// Plain-mode users appear the same way (<c>Guest1!plain@127.0.0.1</c>).
/// </summary>
public sealed class IrcWireFormat : WireFormat
{
    public static readonly IrcWireFormat Instance = new();

    private IrcWireFormat()
    {
    }

    public override ReadOnlyMemory<byte> Encode(ChatEvent chatEvent)
    {
        var source = PrefixOf(chatEvent.Source, chatEvent.SourceNick);
        var line = chatEvent switch
        {
            MessageEvent m => Message(source, m.Kind, StatusPrefix(m.OnlyTo) + m.Channel.Name, m.Text),
            PrivateMessageEvent m => Message(source, m.Kind, m.TargetNick, m.Text),
            JoinEvent j => IrcLine.Build(source, "JOIN", [j.Channel.Name]),
            PartEvent p => p.Reason.Length == 0
                ? IrcLine.Build(source, "PART", [p.Channel.Name])
                : IrcLine.Build(source, "PART", [p.Channel.Name, p.Reason], trailing: true),
            QuitEvent q => IrcLine.Build(source, "QUIT", [q.Reason.Message], trailing: true),
            NickChangeEvent n => IrcLine.Build(source, "NICK", [n.NewNick]),
            TopicEvent t => IrcLine.Build(source, "TOPIC", [t.Channel.Name, t.Text], trailing: true),
            ChannelModeEvent c => IrcLine.Build(source, "MODE", [c.Channel.Name, .. ChannelModeLetters.Format(c.Changes)]),
            KickEvent k => IrcLine.Build(source, "KICK", [k.Channel.Name, k.TargetNick, k.Reason], trailing: true),
            InviteEvent i => IrcLine.Build(source, "INVITE", [i.TargetNick, i.Channel.Name]),
            _ => null,
        };
        return line is null ? ReadOnlyMemory<byte>.Empty : IrcLine.Encode(line);
    }

    /// <summary>nick!user@host of <paramref name="session"/>, under the nick it had at the event.</summary>
    public static string PrefixOf(ClientSession session, string nick) =>
        IrcLine.Prefix(nick, session.UserName, IrcLine.Host(session.Host));

    /// <summary>The STATUSMSG prefix of a message to a channel's operators ("@") or voiced members ("+").</summary>
    public static string StatusPrefix(MemberStatus onlyTo) => onlyTo switch
    {
        MemberStatus.Operator => "@",
        MemberStatus.Voiced => "+",
        _ => string.Empty,
    };

    /// <summary>A PRIVMSG or NOTICE line; an action is sent as CTCP ACTION.</summary>
    public static string Message(string source, MessageKind kind, string target, string text) => kind switch
    {
        MessageKind.Notice => IrcLine.Build(source, "NOTICE", [target, text], trailing: true),
        MessageKind.Action => IrcLine.Build(source, "PRIVMSG", [target, $"\u0001ACTION {text}\u0001"], trailing: true),
        _ => IrcLine.Build(source, "PRIVMSG", [target, text], trailing: true),
    };
}
