using System.Globalization;
using Charla.Protocols.Plain.History;

namespace Charla.Protocols.Plain.Commands;

/// <summary><c>/history [N]</c>: the last N lines of the lobby (20 unless said; at most 100), each with its time.</summary>
public sealed class HistoryCommand : IPlainCommand
{
    private const int DefaultLines = 20;

    public string Name => "history";

    public string Usage => $"/history [N]  (N from 1 to {PlainHistory.MaxLines}; {DefaultLines} if not given)";

    public string Summary => "show what was said in the lobby before";

    public void Execute(PlainCommandContext context, string arguments)
    {
        var (engine, session) = context;
        var count = DefaultLines;
        if (arguments.Length > 0
            && (!int.TryParse(arguments, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > PlainHistory.MaxLines))
        {
            session.Reply(PlainReplies.Error($"Usage: {Usage}"));
            return;
        }

        if (engine.History is not { } history)
        {
            session.Reply(PlainReplies.Error("This server keeps no history."));
            return;
        }

        session.SendWhenReady(PlainHistory.LatestAsync(history, session.Lobby.HistoryKey, count, "* The lobby's last lines", "* No history yet."));
    }
}
