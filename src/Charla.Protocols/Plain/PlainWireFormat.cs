using Charla.Core.Routing;

namespace Charla.Protocols.Plain;

/// <summary>
/// Core events as plain-mode lines:
/// <code>
/// ana: hello            a message
/// * ana waves           an action (/me)
/// -ana- notice text     a notice (from IRC)
/// * ana joined
/// * ana left (reason)
/// * ana is now anna
/// * ana set the topic: text
/// (private) ana: text   a private message (from IRC)
/// ana: line one         a multiline message (from IRC): one line each
/// ana: line two
/// </code>
/// </summary>
public sealed class PlainWireFormat : WireFormat
{
    public static readonly PlainWireFormat Instance = new();

    private PlainWireFormat()
    {
    }

    /// <summary>A multiline message as its lines (a continued line joined to the one before), blank ones left out.</summary>
    private static ReadOnlyMemory<byte> Multiline(MultilineMessageEvent m)
    {
        var who = m.Channel is null ? $"(private) {m.SourceNick}: " : $"{m.SourceNick}: ";
        return m.Text.Split('\n').Where(l => l.Length > 0).SelectMany(l => PlainReplies.Encode(who + l)).ToArray();
    }

    public override ReadOnlyMemory<byte> Encode(ChatEvent chatEvent) => chatEvent switch
    {
        MessageEvent { Kind: MessageKind.TagsOnly } or PrivateMessageEvent { Kind: MessageKind.TagsOnly } => ReadOnlyMemory<byte>.Empty,
        MessageEvent { Kind: MessageKind.Action } m => PlainReplies.Encode($"* {m.SourceNick} {m.Text}"),
        MessageEvent { Kind: MessageKind.Notice } m => PlainReplies.Encode($"-{m.SourceNick}- {m.Text}"),
        // Other CTCP requests (VERSION, PING...) are for IRC clients to answer: a plain user could not.
        MessageEvent { Text: ['\u0001', ..] } => ReadOnlyMemory<byte>.Empty,
        MessageEvent m => PlainReplies.Encode($"{m.SourceNick}: {m.Text}"),
        JoinEvent j => PlainReplies.Encode($"* {j.SourceNick} joined"),
        QuitEvent q => PlainReplies.Encode($"* {q.SourceNick} left ({q.Reason.Message})"),
        PartEvent p => PlainReplies.Encode(p.Reason.Length == 0 ? $"* {p.SourceNick} left" : $"* {p.SourceNick} left ({p.Reason})"),
        TopicEvent t => PlainReplies.Encode(t.Text.Length == 0 ? $"* {t.SourceNick} cleared the topic" : $"* {t.SourceNick} set the topic: {t.Text}"),
        KickEvent k => PlainReplies.Encode($"* {k.TargetNick} was removed by {k.SourceNick} ({k.Reason})"),
        MultilineMessageEvent m => Multiline(m),
        PrivateMessageEvent { Kind: MessageKind.Action } m => PlainReplies.Encode($"(private) * {m.SourceNick} {m.Text}"),
        PrivateMessageEvent m => PlainReplies.Encode($"(private) {m.SourceNick}: {m.Text}"),
        NickChangeEvent n => PlainReplies.Encode($"* {n.SourceNick} is now {n.NewNick}"),
        _ => ReadOnlyMemory<byte>.Empty,
    };
}
