using System.Globalization;
using Charla.Protocols.Irc.History;
using Charla.Protocols.Irc.Messages;
using Charla.Storage.History;

namespace Charla.Protocols.Irc.Commands;

/// <summary>
/// SEARCH (the soju.im/search extension, as soju, goguma and senpai speak it):
/// <code>
/// SEARCH in=#chan;from=nick;text=some words;after=2026-01-01T00:00:00.000Z;before=...;limit=50
/// </code>
/// The attributes are written as message tags (values escaped the same way); all are optional.
/// Without <c>in</c>, every channel the client is in is searched; with it, only that one, and
/// only if the client is in it (a channel's history is its members'). Each word of
/// <c>text</c> must be in the message (whole words, case and accents ignored; SQLite FTS5).
/// The newest matches, at most <see cref="ChathistoryCommand.MaxLines"/>, come back oldest first in
/// a <c>soju.im/search</c> batch, as CHATHISTORY's do.
/// </summary>
public sealed class SearchCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var (engine, session) = (context.Engine, context.Session);
        if (engine.History is not { } history)
        {
            session.Numeric(Numerics.ErrUnknownCommand, "SEARCH", "Unknown command");
            return;
        }

        var attributes = message.Count == 0 ? [] : ParseAttributes(message[0]);
        var limit = ChathistoryCommand.MaxLines;
        if (attributes.TryGetValue("limit", out var limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1))
        {
            Fail(session, "limit", "The limit must be a positive number");
            return;
        }

        DateTimeOffset? after = null, before = null;
        foreach (var (key, value) in attributes)
        {
            if (key is "after" or "before")
            {
                if (ChathistoryCommand.ParseTime(value) is not { } time)
                {
                    Fail(session, key, "A time is written YYYY-MM-DDThh:mm:ss.sssZ");
                    return;
                }

                if (key == "after")
                {
                    after = time;
                }
                else
                {
                    before = time;
                }
            }
        }

        IReadOnlyList<string> conversations;
        if (attributes.TryGetValue("in", out var target))
        {
            if (engine.FindChannel(target) is not { } channel || !channel.IsMember(session))
            {
                Fail(session, "in", "You can only search channels you are in");
                return;
            }

            conversations = [channel.HistoryKey];
        }
        else
        {
            conversations = [.. session.Channels.Select(c => c.HistoryKey)];
        }

        var search = new HistorySearch(conversations, attributes.GetValueOrDefault("text"), attributes.GetValueOrDefault("from"), after, before, Math.Min(limit, ChathistoryCommand.MaxLines));
        session.ReplyLater(SearchAsync(session, history, search));
    }

    private static async Task<string> SearchAsync(IrcSession session, IHistoryReader history, HistorySearch search)
    {
        try
        {
            return HistoryBatch.Render(session, "soju.im/search", batchTarget: null, await history.SearchAsync(search), record => record.Target);
        }
        catch (Storage.StorageException)
        {
            return IrcLine.Build(session.Server.Name, "FAIL", ["SEARCH", "INTERNAL_ERROR", "The search could not be run"], trailing: true);
        }
    }

    /// <summary><c>key=value;key=value</c> with message-tag escapes in the values (\: \s \\ \r \n).</summary>
    internal static Dictionary<string, string> ParseAttributes(string text)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var (key, value) = equals < 0 ? (pair, string.Empty) : (pair[..equals], IrcParser.UnescapeValue(pair.AsSpan(equals + 1)));
            attributes[key] = value;
        }

        return attributes;
    }

    private static void Fail(IrcSession session, string attribute, string description) =>
        session.Reply(session.Server.Name, "FAIL", "SEARCH", ["INVALID_PARAMS", attribute, description], trailing: true);
}
