using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>MOTD: 375, 372 per line, 376; 422 when the server has none (Irc:Motd).</summary>
public sealed class MotdCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message) => Send(context);

    public static void Send(IrcContext context)
    {
        var (session, server) = (context.Session, context.Server);
        if (server.Options.Motd.Length == 0)
        {
            session.Numeric(Numerics.ErrNoMotd, "MOTD File is missing");
            return;
        }

        session.Numeric(Numerics.RplMotdStart, $"- {server.Name} Message of the day - ");
        foreach (var line in server.Options.Motd)
        {
            session.Numeric(Numerics.RplMotd, $"- {line}");
        }

        session.Numeric(Numerics.RplEndOfMotd, "End of /MOTD command.");
    }
}
