using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>AWAY [:message]: with a message, 306 and marked away; without, 305 and back.</summary>
public sealed class AwayCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var session = context.Session;
        var text = message.Count > 0 ? message[0] : string.Empty;
        if (text.Length == 0)
        {
            context.Engine.SetAway(session, null);
            session.Numeric(Numerics.RplUnAway, "You are no longer marked as being away");
            return;
        }

        context.Engine.SetAway(session, text.Length > context.Server.AwayLength ? text[..context.Server.AwayLength] : text);
        session.Numeric(Numerics.RplNowAway, "You have been marked as being away");
    }
}
