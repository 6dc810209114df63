using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>PART &lt;channel&gt;{,&lt;channel&gt;} [:reason]; everyone in the channel sees it, the leaver too.</summary>
public sealed class PartCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var (engine, session) = (context.Engine, context.Session);
        var reason = message.Count > 1 ? message[1] : string.Empty;
        foreach (var name in message[0].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (ChannelAccess.Joined(context, name) is { } channel && !engine.Part(session, channel, reason))
            {
                ChannelAccess.IsMember(context, channel); // left meanwhile (a KICK): 442 all the same
            }
        }
    }
}
