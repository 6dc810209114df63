using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>
/// LINKS (RFC 2812 3.4.5, modern.ircdocs.horse): the servers of the network, one 364 RPL_LINKS
/// each (<c>&lt;server&gt; &lt;uplink&gt; :&lt;hopcount&gt; &lt;description&gt;</c>), then 365. One node
/// for now: the server itself, 0 hops away, its own uplink. Several nodes will list theirs.
/// </summary>
public sealed class LinksCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var (session, server) = (context.Session, context.Server);
        session.Numeric(Numerics.RplLinks, server.Name, server.Name, $"0 {server.Options.ServerDescription}");
        session.Numeric(Numerics.RplEndOfLinks, "*", "End of /LINKS list");
    }
}
