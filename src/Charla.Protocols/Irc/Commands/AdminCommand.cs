using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>ADMIN: 256, 257, 258, 259 from the Irc:Admin* settings.</summary>
public sealed class AdminCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var (session, options) = (context.Session, context.Server.Options);
        session.Numeric(Numerics.RplAdminMe, context.Server.Name, "Administrative info");
        session.Numeric(Numerics.RplAdminLoc1, options.AdminLocation);
        session.Numeric(Numerics.RplAdminLoc2, options.AdminName);
        session.Numeric(Numerics.RplAdminEmail, options.AdminEmail);
    }
}
