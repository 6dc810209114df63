using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>INFO: a few 371 lines about the server, then 374.</summary>
public sealed class InfoCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var session = context.Session;
        session.Numeric(Numerics.RplInfo, $"{IrcServerInfo.Version}: Charla, a chat server in C# on .NET");
        session.Numeric(Numerics.RplInfo, "Plain mode (nc host 5556) and IRC share one lobby, #lobby.");
        session.Numeric(Numerics.RplInfo, $"Up since {context.Server.CreatedAt:R}.");
        session.Numeric(Numerics.RplEndOfInfo, "End of INFO list");
    }
}
