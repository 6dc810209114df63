using Charla.Protocols.Irc.Messages;
using Charla.Protocols.Irc.Registration;

namespace Charla.Protocols.Irc.Commands;

/// <summary>VERSION: 351 RPL_VERSION, then the ISUPPORT lines (as the Modern IRC documents describe).</summary>
public sealed class VersionCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var (session, server) = (context.Session, context.Server);
        session.Numeric(Numerics.RplVersion, IrcServerInfo.Version, server.Name, "Charla chat server");
        RegistrationFlow.SendISupport(context);
    }
}
