using System.Globalization;
using System.Text;
using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc;

/// <summary>
/// IRCv3 labeled-response (ircv3.net/specs/extensions/labeled-response): the replies to a
/// command sent with <c>@label=X</c> come back labeled: none as <c>ACK</c>, one with the label
/// tag, several inside a <c>labeled-response</c> batch (IRCv3 batch).
/// </summary>
public static class LabeledResponse
{
    /// <summary>Longest label accepted, in bytes (the specification's limit).</summary>
    public const int MaxLabelBytes = 64;

    private static long _lastBatch;

    public static void Send(IrcSession session, string serverName, string label, IReadOnlyList<ReadOnlyMemory<byte>> replies) =>
        session.SendLine(Build(serverName, label, replies));

    /// <summary>The labeled response to a command whose replies are <paramref name="replies"/>: complete lines.</summary>
    public static string Build(string serverName, string label, IReadOnlyList<ReadOnlyMemory<byte>> replies)
    {
        var lines = replies.SelectMany(r => Encoding.UTF8.GetString(r.Span).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)).ToList();
        var labelTag = "label=" + ClientTags.EscapeValue(label);
        if (lines.Count == 0)
        {
            return $"@{labelTag} :{serverName} ACK\r\n";
        }

        if (lines.Count == 1 || IsOneBatch(lines))
        {
            // One line, or one batch (a multiline echo): the label goes on it, or on its opening
            // BATCH ("Servers MUST only include the label tag on the opening BATCH", multiline).
            return string.Concat(lines.Select((line, i) => (i == 0 ? WithTag(line, labelTag) : line) + "\r\n"));
        }

        var id = "lr" + Interlocked.Increment(ref _lastBatch).ToString(CultureInfo.InvariantCulture);
        var batch = new StringBuilder($"@{labelTag} :{serverName} BATCH +{id} labeled-response\r\n");
        foreach (var line in lines)
        {
            // Lines of a batch inside (a multiline echo) keep their own batch tag: only its BATCH lines are in this one.
            var nested = line.StartsWith("@batch=", StringComparison.Ordinal) || line.StartsWith('@') && line[..line.IndexOf(' ', StringComparison.Ordinal)].Contains(";batch=", StringComparison.Ordinal);
            batch.Append(nested ? line : WithTag(line, "batch=" + id)).Append("\r\n");
        }

        batch.Append($":{serverName} BATCH -{id}\r\n");
        return batch.ToString();
    }

    /// <summary>Whether the lines are exactly one batch: BATCH +id first, BATCH -id last.</summary>
    private static bool IsOneBatch(List<string> lines)
    {
        static string[] Words(string line)
        {
            var words = line.Split(' ');
            var at = words[0].StartsWith('@') ? 1 : 0;
            at += words.Length > at && words[at].StartsWith(':') ? 1 : 0;
            return words[at..];
        }

        var (first, last) = (Words(lines[0]), Words(lines[^1]));
        return first.Length > 1 && first[0] == "BATCH" && first[1].StartsWith('+')
            && last.Length > 1 && last[0] == "BATCH" && last[1] == "-" + first[1][1..];
    }

    /// <summary>Adds <paramref name="tag"/> to a line, first among its tags.</summary>
    private static string WithTag(string line, string tag) =>
        line.StartsWith('@') ? $"@{tag};{line[1..]}" : $"@{tag} {line}";
}
