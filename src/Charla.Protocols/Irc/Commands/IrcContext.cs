using Charla.Core;

namespace Charla.Protocols.Irc.Commands;

/// <summary>What an IRC command handler works with. Handlers never touch the socket: they queue replies on the session.</summary>
public sealed class IrcContext(ChatEngine engine, IrcSession session, IrcServerInfo server)
{
    public ChatEngine Engine { get; } = engine;

    public IrcSession Session { get; } = session;

    public IrcServerInfo Server { get; } = server;
}
