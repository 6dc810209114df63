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
            var channel = engine.FindChannel(name);
            if (channel is null)
            {
                session.Numeric(Numerics.ErrNoSuchChannel, name, "No such channel");
            }
            else if (!engine.Part(session, channel, reason))
            {
                session.Numeric(Numerics.ErrNotOnChannel, channel.Name, "You're not on that channel");
            }
        }
    }
}
