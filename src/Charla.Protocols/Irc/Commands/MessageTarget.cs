using Charla.Core.Channels;
using Charla.Core.Routing;
using Charla.Core.Sessions;

namespace Charla.Protocols.Irc.Commands;

/// <summary>
/// Where a message goes (PRIVMSG, NOTICE, TAGMSG, a multiline batch) and whether it may:
/// a channel (STATUSMSG <c>@#chan</c>, <c>+#chan</c> reach its operators or voiced members) or
/// a user; the one place that answers 401 ERR_NOSUCHNICK and 404 ERR_CANNOTSENDTOCHAN, never
/// to a NOTICE (RFC 2812 3.3.2: no automatic reply to a NOTICE).
/// </summary>
public readonly record struct MessageTarget(Channel? Channel, ClientSession? User, MemberStatus OnlyTo)
{
    /// <param name="ctcp">The message is a CTCP request or reply other than ACTION (refused by +C).</param>
    public static MessageTarget? Resolve(IrcContext context, string target, bool quiet, bool ctcp)
    {
        var (engine, session) = (context.Engine, context.Session);
        var onlyTo = target.Length > 1 && target[1] == '#' ? StatusOf(target[0]) : MemberStatus.None;
        var channelName = onlyTo == MemberStatus.None ? target : target[1..];
        if (channelName.StartsWith('#'))
        {
            var channel = engine.FindChannel(channelName);
            if (channel is null || !ChannelAccess.IsVisibleTo(channel, session) && channel.Modes.NoExternalMessages)
            {
                Error(session, quiet, Numerics.ErrNoSuchNick, target, "No such nick/channel");
            }
            else if (!channel.CanSend(session))
            {
                Error(session, quiet, Numerics.ErrCannotSendToChan, channel.Name, "Cannot send to channel");
            }
            else if (ctcp && channel.Modes.NoCtcp)
            {
                Error(session, quiet, Numerics.ErrCannotSendToChan, channel.Name, "Cannot send CTCP to channel (+C)");
            }
            else
            {
                return new MessageTarget(channel, null, onlyTo);
            }

            return null;
        }

        if (engine.FindByNick(target) is { } user)
        {
            // User mode +T: a CTCP to this user is dropped, with no error (as ergo does).
            return ctcp && user is IrcSession { RefusesCtcp: true } && !ReferenceEquals(user, session) ? null : new MessageTarget(null, user, MemberStatus.None);
        }

        Error(session, quiet, Numerics.ErrNoSuchNick, target, "No such nick/channel");
        return null;
    }

    /// <summary>
    /// echo-message: the sender gets its own message back, as its recipients got it (same msgid
    /// and tags); for a message history keeps, once it is on disk.
    /// </summary>
    public static void Echo(IrcSession session, ChatEvent sent)
    {
        if (sent.Stored is not null)
        {
            session.AcknowledgeWhenStored(sent); // once it is on disk
        }
        else if (session.Has(Capabilities.EchoMessage))
        {
            session.Deliver(sent);
        }
    }

    /// <summary>STATUSMSG: "@#chan" reaches the operators, "+#chan" the voiced members and operators.</summary>
    private static MemberStatus StatusOf(char prefix) => prefix switch
    {
        '@' => MemberStatus.Operator,
        '+' => MemberStatus.Voiced,
        _ => MemberStatus.None,
    };

    private static void Error(IrcSession session, bool quiet, string code, params string[] parameters)
    {
        if (!quiet)
        {
            session.Numeric(code, parameters);
        }
    }
}
