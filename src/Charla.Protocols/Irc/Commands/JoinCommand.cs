using Charla.Core.Channels;
using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>
/// JOIN &lt;channel&gt;{,&lt;channel&gt;} [&lt;key&gt;{,&lt;key&gt;}] | JOIN 0. The joiner gets its JOIN
/// echo, the topic and the names list, queued under the channel's lock so nothing said in the
/// channel can come before them. Keys are accepted and unused: no channel has +k yet.
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

        foreach (var name in message[0].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!IrcServerInfo.IsValidChannelName(name))
            {
                session.Numeric(Numerics.ErrNoSuchChannel, name, "No such channel");
                continue;
            }

            var result = engine.Join(session, name, (channel, members) =>
            {
                session.SendLine(ChannelReplies.JoinEcho(session, channel));
                ChannelReplies.SendTopic(context, channel, always: false);
                ChannelReplies.SendNames(context, channel, members);
            });
            if (result == JoinResult.TooManyChannels)
            {
                session.Numeric(Numerics.ErrTooManyChannels, name, "You have joined too many channels");
            }
        }
    }
}
