using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>TOPIC &lt;channel&gt; [:&lt;topic&gt;]: read the topic, or set it (an empty topic clears it).</summary>
public sealed class TopicCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var (engine, session) = (context.Engine, context.Session);
        var channel = engine.FindChannel(message[0]);
        if (channel is null)
        {
            session.Numeric(Numerics.ErrNoSuchChannel, message[0], "No such channel");
            return;
        }

        if (message.Count == 1)
        {
            ChannelReplies.SendTopic(context, channel, always: true);
            return;
        }

        if (!channel.IsMember(session))
        {
            session.Numeric(Numerics.ErrNotOnChannel, channel.Name, "You're not on that channel");
            return;
        }

        if (channel.Modes.TopicLocked && !channel.IsOperator(session))
        {
            session.Numeric(Numerics.ErrChanOPrivsNeeded, channel.Name, "You're not channel operator");
            return;
        }

        var text = message[1];
        engine.SetTopic(session, channel, text.Length > context.Server.TopicLength ? text[..context.Server.TopicLength] : text);
    }
}
