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

    public static void Send(IrcSession session, string serverName, string label, IReadOnlyList<ReadOnlyMemory<byte>> replies)
    {
        var lines = replies.SelectMany(r => Encoding.UTF8.GetString(r.Span).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)).ToList();
        var labelTag = "label=" + ClientTags.EscapeValue(label);
        if (lines.Count == 0)
        {
            session.SendLine($"@{labelTag} :{serverName} ACK\r\n");
        }
        else if (lines.Count == 1)
        {
            session.SendLine(WithTag(lines[0], labelTag) + "\r\n");
        }
        else
        {
            var id = "lr" + Interlocked.Increment(ref _lastBatch).ToString(CultureInfo.InvariantCulture);
            var batch = new StringBuilder($"@{labelTag} :{serverName} BATCH +{id} labeled-response\r\n");
            foreach (var line in lines)
            {
                batch.Append(WithTag(line, "batch=" + id)).Append("\r\n");
            }

            batch.Append($":{serverName} BATCH -{id}\r\n");
            session.SendLine(batch.ToString());
        }
    }

    /// <summary>Adds <paramref name="tag"/> to a line, first among its tags.</summary>
    private static string WithTag(string line, string tag) =>
        line.StartsWith('@') ? $"@{tag};{line[1..]}" : $"@{tag} {line}";
}
