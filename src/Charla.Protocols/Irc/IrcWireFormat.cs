using System.Globalization;
using Charla.Core.Routing;
using Charla.Core.Sessions;
using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc;

/// <summary>
/// Core events as IRC lines, with the source's full prefix, in one of the wire forms that the
/// client's capabilities ask for (<see cref="IrcFeatures"/>):
/// <code>
/// @time=...;msgid=...;+client=tag :ana!~ana@host PRIVMSG #lobby :hello   (tags as negotiated)
/// :ana!~ana@host JOIN #lobby [* :Real Name]                              (extended-join)
/// :ana!~ana@host PART #lobby :reason
/// :ana!~ana@host QUIT :reason
/// :ana!~ana@host NICK anna
/// :ana!~ana@host TOPIC #lobby :text
/// :ana!~ana@host MODE #lobby +o bob
/// :ana!~ana@host KICK #lobby bob :reason
/// :ana!~ana@host INVITE bob #lobby
/// :ana!~ana@host AWAY [:message]                                         (away-notify)
/// :ana!~ana@host SETNAME :Real Name                                      (setname)
/// </code>
/// Plain-mode users appear the same way (<c>Guest1!plain@127.0.0.1</c>).
/// </summary>
public sealed class IrcWireFormat : WireFormat
{
    private static readonly IrcWireFormat[] Forms =
        Enumerable.Range(0, (int)IrcFeatures.All + 1).Select(f => new IrcWireFormat((IrcFeatures)f)).ToArray();

    private IrcWireFormat(IrcFeatures features) => Features = features;

    /// <summary>The form with no capabilities: plain RFC 1459 lines.</summary>
    public static IrcWireFormat Instance => Forms[0];

    public IrcFeatures Features { get; }

    public static IrcWireFormat For(IrcFeatures features) => Forms[(int)(features & IrcFeatures.All)];

    public override ReadOnlyMemory<byte> Encode(ChatEvent chatEvent)
    {
        var source = chatEvent is HostChangeEvent h
            ? IrcLine.Prefix(h.SourceNick, h.OldUserName, IrcLine.Host(h.OldHost))
            : PrefixOf(chatEvent.Source, chatEvent.SourceNick);
        var line = chatEvent switch
        {
            MessageEvent m => Message(source, m.Kind, IrcWireFormatHelpers.StatusPrefix(m.OnlyTo) + m.Channel.Name, m.Text),
            PrivateMessageEvent m => Message(source, m.Kind, m.TargetNick, m.Text),
            JoinEvent j => Join(source, j),
            PartEvent p => p.Reason.Length == 0
                ? IrcLine.Build(source, "PART", [p.Channel.Name])
                : IrcLine.Build(source, "PART", [p.Channel.Name, p.Reason], trailing: true),
            QuitEvent q => IrcLine.Build(source, "QUIT", [q.Reason.Message], trailing: true),
            NickChangeEvent n => IrcLine.Build(source, "NICK", [n.NewNick]),
            TopicEvent t => IrcLine.Build(source, "TOPIC", [t.Channel.Name, t.Text], trailing: true),
            ChannelModeEvent c => IrcLine.Build(source, "MODE", [c.Channel.Name, .. ChannelModeLetters.Format(c.Changes)]),
            KickEvent k => IrcLine.Build(source, "KICK", [k.Channel.Name, k.TargetNick, k.Reason], trailing: true),
            InviteEvent { Audience: InviteAudience.ChannelMembers } i when !Has(IrcFeatures.InviteNotify) => null,
            InviteEvent i => IrcLine.Build(source, "INVITE", [i.TargetNick, i.Channel.Name]),
            AwayEvent a when !Has(IrcFeatures.AwayNotify) => null,
            AwayEvent { Message: null } => IrcLine.Build(source, "AWAY", []),
            AwayEvent a => IrcLine.Build(source, "AWAY", [a.Message!], trailing: true),
            RealNameEvent r when !Has(IrcFeatures.Setname) => null,
            RealNameEvent r => IrcLine.Build(source, "SETNAME", [r.RealName], trailing: true),
            HostChangeEvent when !Has(IrcFeatures.Chghost) => null,
            HostChangeEvent change => IrcLine.Build(source, "CHGHOST", [change.NewUserName, IrcLine.Host(change.NewHost)]),
            WallopsEvent w => IrcLine.Build(source, "WALLOPS", [w.Text], trailing: true),
            _ => null,
        };
        return line is null ? ReadOnlyMemory<byte>.Empty : IrcLine.Encode(Tags(chatEvent) + line);
    }

    /// <summary>
    /// JOIN (with account and real name for extended-join), then, for away-notify, the joiner's
    /// AWAY if it is away: the specification asks that joiners' away state be sent this way.
    /// </summary>
    private string Join(string source, JoinEvent join)
    {
        var line = Has(IrcFeatures.ExtendedJoin)
            ? IrcLine.Build(source, "JOIN", [join.Channel.Name, "*", join.Source.RealName], trailing: true)
            : IrcLine.Build(source, "JOIN", [join.Channel.Name]);
        return Has(IrcFeatures.AwayNotify) && join.Source.AwayMessage is { } away
            ? line + IrcLine.Build(source, "AWAY", [away], trailing: true)
            : line;
    }

    /// <summary>nick!user@host of <paramref name="session"/>, under the nick it had at the event.</summary>
    public static string PrefixOf(ClientSession session, string nick) =>
        IrcLine.Prefix(nick, session.UserName, IrcLine.Host(session.Host));

    /// <summary>A PRIVMSG, NOTICE or TAGMSG line; an action is sent as CTCP ACTION.</summary>
    public string? Message(string source, MessageKind kind, string target, string text) => kind switch
    {
        MessageKind.TagsOnly => Has(IrcFeatures.MessageTags) ? IrcLine.Build(source, "TAGMSG", [target]) : null,
        MessageKind.Notice => IrcLine.Build(source, "NOTICE", [target, text], trailing: true),
        MessageKind.Action => IrcLine.Build(source, "PRIVMSG", [target, $"\u0001ACTION {text}\u0001"], trailing: true),
        _ => IrcLine.Build(source, "PRIVMSG", [target, text], trailing: true),
    };

    private bool Has(IrcFeatures feature) => (Features & feature) != 0;

    /// <summary>"@time=...;msgid=...;+tags " as this form wants them, or nothing.</summary>
    private string Tags(ChatEvent chatEvent)
    {
        var tags = new List<string>(3);
        if (Has(IrcFeatures.ServerTime) && chatEvent.Time != default)
        {
            tags.Add("time=" + chatEvent.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        }

        if (Has(IrcFeatures.MessageTags))
        {
            tags.Add("msgid=" + chatEvent.MessageId);
            var clientTags = chatEvent switch
            {
                MessageEvent m => m.ClientTags,
                PrivateMessageEvent m => m.ClientTags,
                _ => string.Empty,
            };
            if (clientTags.Length > 0)
            {
                tags.Add(clientTags);
            }

            if (chatEvent is MessageEvent or PrivateMessageEvent && chatEvent.Source.IsBot)
            {
                tags.Add("bot");
            }
        }

        return tags.Count == 0 ? string.Empty : "@" + string.Join(';', tags) + " ";
    }
}

/// <summary>Small pieces of IRC syntax shared by the wire format and the commands.</summary>
public static class IrcWireFormatHelpers
{
    /// <summary>The STATUSMSG prefix of a message to a channel's operators ("@") or voiced members ("+").</summary>
    public static string StatusPrefix(MemberStatus onlyTo) => onlyTo switch
    {
        MemberStatus.Operator => "@",
        MemberStatus.Voiced => "+",
        _ => string.Empty,
    };
}
