using Charla.Protocols.Irc.Messages;
using Charla.Protocols.Irc.Replies;

namespace Charla.Protocols.Irc.Commands;

/// <summary>NAMES [&lt;channel&gt;]: who is in a channel. Without a channel, only the end marker (as ergo does).</summary>
public sealed class NamesCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var session = context.Session;
        var name = message.Count > 0 ? message[0].Split(',')[0] : "*";
        if (context.Engine.FindChannel(name) is { } channel && ChannelAccess.IsVisibleTo(channel, session))
        {
            NamesReply.Send(context.Session, channel, channel.Members);
            return;
        }

        session.Numeric(Numerics.RplEndOfNames, name, "End of /NAMES list");
    }
}
