using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>
/// REHASH, for operators with the rehash privilege: 382 RPL_REHASHING, then the configuration is
/// read again and what changed (and what waits for a restart) comes back as NOTICEs; every
/// connection stays.
/// </summary>
public sealed class RehashCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var (session, server) = (context.Session, context.Server);
        if (server.Rehash is not { } rehash)
        {
            session.ServerNotice("*** This server has no configuration to reload.");
            return;
        }

        session.Numeric(Numerics.RplRehashing, server.ConfigurationName, "Rehashing");
        var reloading = rehash(session.Nick);
        session.ContinueAfter(reloading, () =>
        {
            var lines = reloading.IsCompletedSuccessfully ? reloading.Result : [$"Not reloaded: {reloading.Exception?.InnerException?.Message}"];
            foreach (var line in lines)
            {
                session.ServerNotice("*** " + line);
            }
        });
    }
}
