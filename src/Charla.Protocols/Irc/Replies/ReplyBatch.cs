using Charla.Core.Routing;

namespace Charla.Protocols.Irc.Replies;

/// <summary>
/// A batch of replies (ircv3.net/specs/extensions/batch) of a given type: <c>BATCH +id type
/// [parameter]</c>, the lines the caller queues with that id, <c>BATCH -id</c>.
/// </summary>
public static class ReplyBatch
{
    public static void Send(IrcSession session, string type, string? parameter, Action<string> write)
    {
        var id = MessageIds.Next(); // unique, letters and digits: a valid reference tag
        session.Reply(session.Server.Name, "BATCH", null, parameter is null ? ["+" + id, type] : ["+" + id, type, parameter]);
        write(id);
        session.Reply(session.Server.Name, "BATCH", null, ["-" + id]);
    }
}
