using Charla.Core.Channels;
using Charla.Storage;
using Charla.Storage.History;

namespace Charla.Protocols.Irc.History;

/// <summary>
/// The last lines of a channel for a client that joins it without draft/chathistory (which
/// asks for what it wants itself), when the server is set to send them
/// (<see cref="IrcServerInfo.AutoReplayLines"/>): in a chathistory batch with server times
/// if the client has those capabilities, so it can tell them from what is said now.
/// </summary>
internal static class JoinReplay
{
    /// <summary>Called as the joiner's replies are queued, under the channel's lock: the replay holds what was said before it came, and what is said after waits behind it.</summary>
    public static void Send(IrcSession session, Channel channel, IHistoryReader? history)
    {
        var lines = session.Server.AutoReplayLines;
        if (lines == 0 || session.Has(Capabilities.ChatHistory) || history is null)
        {
            return;
        }

        var query = new HistoryQuery(channel.HistoryKey, HistoryDirection.Latest, null, lines, session.Has(Capabilities.EventPlayback));
        session.ReplyLater(ReadAsync(session, history, query, channel.Name));
    }

    private static async Task<string> ReadAsync(IrcSession session, IHistoryReader history, HistoryQuery query, string channel)
    {
        try
        {
            var records = await history.ReadAsync(query);
            return records.Count == 0 ? string.Empty : HistoryBatch.Render(session, channel, records);
        }
        catch (StorageException)
        {
            return string.Empty; // a courtesy: the join stands without it
        }
    }
}
