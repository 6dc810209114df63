using Charla.Core;

namespace Charla.Protocols.Irc.Commands;

/// <summary>What an IRC command handler works with. Handlers never touch the socket: they queue replies on the session.</summary>
/// <remarks>Not sealed: the connection's <see cref="IrcConnection"/> is its context (one object per connection, not two).</remarks>
public class IrcContext(ChatEngine engine, IrcSession session, IrcServerInfo server)
{
    public ChatEngine Engine { get; } = engine;

    public IrcSession Session { get; } = session;

    public IrcServerInfo Server { get; } = server;
}
