using Charla.Protocols.Plain.History;
using Charla.Storage.History;

namespace Charla.Protocols.Plain.Commands;

/// <summary><c>/search WORDS</c>: the lobby's newest lines (at most 20) that hold every word, each with its time.</summary>
public sealed class SearchCommand : IPlainCommand
{
    private const int MaxResults = 20;

    public string Name => "search";

    public string Usage => "/search WORDS";

    public string Summary => "find earlier lobby lines with all these words";

    public void Execute(PlainCommandContext context, string arguments)
    {
        var (engine, session) = context;
        if (string.IsNullOrWhiteSpace(arguments))
        {
            session.Reply(PlainReplies.Error($"Usage: {Usage}"));
            return;
        }

        if (engine.History is not { } history)
        {
            session.Reply(PlainReplies.Error("This server keeps no history."));
            return;
        }

        var search = new HistorySearch([session.Lobby.HistoryKey], arguments, From: null, After: null, Before: null, MaxResults);
        session.SendWhenReady(PlainHistory.RenderAsync(
            () => history.SearchAsync(search), $"* Lines with \"{arguments}\"", $"* Nothing in the lobby's history has \"{arguments}\"."));
    }
}
