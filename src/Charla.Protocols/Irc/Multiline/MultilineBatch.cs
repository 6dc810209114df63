using System.Text;
using Charla.Core.Routing;

namespace Charla.Protocols.Irc.Multiline;

/// <summary>
/// A multiline message a client is sending (ircv3.net/specs/extensions/multiline): opened by
/// <c>BATCH +id draft/multiline target</c>, filled by <c>@batch=id PRIVMSG target :line</c>,
/// sent whole at <c>BATCH -id</c>. Bounded: at most <see cref="Capabilities.MultilineMaxLines"/>
/// lines and <see cref="Capabilities.MultilineMaxBytes"/> bytes, line breaks included.
/// </summary>
public sealed class MultilineBatch(string id, string target, string clientTags, string? label)
{
    private readonly List<MessageLine> _lines = [];
    private int _bytes;

    /// <summary>The client's reference tag for the batch.</summary>
    public string Id { get; } = id;

    /// <summary>The channel or nick every line must name.</summary>
    public string Target { get; } = target;

    /// <summary>The client-only tags sent on the opening BATCH: they belong to the whole message.</summary>
    public string ClientTags { get; } = clientTags;

    /// <summary>The label of the opening BATCH (labeled-response): the reply at its end carries it.</summary>
    public string? Label { get; } = label;

    public IReadOnlyList<MessageLine> Lines => _lines;

    /// <summary>Adds one line; the problem if it breaks the batch (then the batch is dropped).</summary>
    public MultilineProblem Add(string lineTarget, string text, bool concat)
    {
        if (!string.Equals(lineTarget, Target, StringComparison.OrdinalIgnoreCase))
        {
            return MultilineProblem.InvalidTarget;
        }

        if (concat && text.Length == 0)
        {
            return MultilineProblem.BlankConcat; // "Clients MUST NOT send blank lines with the draft/multiline-concat tag"
        }

        if (_lines.Count == Capabilities.MultilineMaxLines)
        {
            return MultilineProblem.MaxLines;
        }

        _bytes += Encoding.UTF8.GetByteCount(text) + (_lines.Count > 0 && !concat ? 1 : 0);
        if (_bytes > Capabilities.MultilineMaxBytes)
        {
            return MultilineProblem.MaxBytes;
        }

        _lines.Add(new MessageLine(text, concat));
        return MultilineProblem.None;
    }

    /// <summary>Whether the batch may be sent: some line has text ("Clients MUST NOT send messages consisting entirely of blank lines").</summary>
    public bool IsWellFormed => _lines.Any(l => l.Text.Length > 0);
}

/// <summary>What is wrong with a line added to a multiline batch.</summary>
public enum MultilineProblem
{
    None,
    /// <summary>FAIL BATCH MULTILINE_INVALID_TARGET: the line names another target.</summary>
    InvalidTarget,
    /// <summary>FAIL BATCH MULTILINE_MAX_LINES: too many lines.</summary>
    MaxLines,
    /// <summary>FAIL BATCH MULTILINE_MAX_BYTES: too many bytes.</summary>
    MaxBytes,
    /// <summary>FAIL BATCH MULTILINE_INVALID: a blank line marked as continuing the one before.</summary>
    BlankConcat,
}
