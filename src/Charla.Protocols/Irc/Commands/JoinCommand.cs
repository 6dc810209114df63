using Charla.Core.Channels;
using Charla.Protocols.Irc.History;
using Charla.Protocols.Irc.Messages;
using Charla.Protocols.Irc.Replies;

namespace Charla.Protocols.Irc.Commands;

/// <summary>
/// JOIN &lt;channel&gt;{,&lt;channel&gt;} [&lt;key&gt;{,&lt;key&gt;}] | JOIN 0. The joiner gets its JOIN
/// echo, the topic and the names list, queued under the channel's lock so nothing said in the
/// channel can come before them; then, if the server is set to, the channel's last lines for a
/// client without draft/chathistory. Refusals: 403, 405, 471 (+l), 473 (+i), 474 (+b), 475 (+k).
/// </summary>
public sealed class JoinCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var (engine, session) = (context.Engine, context.Session);
        if (message[0] == "0")
        {
            foreach (var channel in session.Channels)
            {
                engine.Part(session, channel, "Left all channels");
            }

            return;
        }

        var names = message[0].Split(',', StringSplitOptions.RemoveEmptyEntries);
        var keys = message.Count > 1 ? message[1].Split(',') : [];
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i];
            if (!context.Server.IsValidChannelName(name))
            {
                session.Numeric(Numerics.ErrNoSuchChannel, name, "No such channel");
                continue;
            }

            var key = i < keys.Length && keys[i].Length > 0 ? keys[i] : null;
            var result = engine.Join(session, name, (channel, members, join) =>
            {
                session.Deliver(join); // the JOIN the others got, in this client's form (extended-join, tags)
                TopicReply.Send(session, channel, always: false);
                NamesReply.Send(session, channel, members);
                MetadataSync.Send(session, channel, members, batchId: null, skipSelf: true);
                JoinReplay.Send(session, channel, engine.History);
            }, key);
            Refuse(session, name, result);
        }
    }

    private static void Refuse(IrcSession session, string name, JoinResult result)
    {
        var (code, text) = result switch
        {
            JoinResult.TooManyChannels => (Numerics.ErrTooManyChannels, "You have joined too many channels"),
            JoinResult.Full => (Numerics.ErrChannelIsFull, "Cannot join channel (+l)"),
            JoinResult.InviteOnly => (Numerics.ErrInviteOnlyChan, "Cannot join channel (+i)"),
            JoinResult.Banned => (Numerics.ErrBannedFromChan, "Cannot join channel (+b)"),
            JoinResult.BadKey => (Numerics.ErrBadChannelKey, "Cannot join channel (+k)"),
            _ => (null, null),
        };
        if (code is not null)
        {
            session.Numeric(code, name, text!);
        }
    }
}
