using System.Globalization;
using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>TIME: 391 RPL_TIME with the server's time, UTC.</summary>
public sealed class TimeCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var now = context.Engine.Time.GetUtcNow();
        context.Session.Numeric(Numerics.RplTime, context.Server.Name, now.ToString("dddd MMMM d yyyy -- HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
    }
}
