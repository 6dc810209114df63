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
/// </code>
/// </summary>
public sealed class PlainWireFormat : WireFormat
{
    public static readonly PlainWireFormat Instance = new();

    private PlainWireFormat()
    {
    }

    public override ReadOnlyMemory<byte> Encode(ChatEvent chatEvent) => chatEvent switch
    {
        MessageEvent { Kind: MessageKind.Action } m => PlainReplies.Encode($"* {m.SourceNick} {m.Text}"),
        MessageEvent { Kind: MessageKind.Notice } m => PlainReplies.Encode($"-{m.SourceNick}- {m.Text}"),
        MessageEvent m => PlainReplies.Encode($"{m.SourceNick}: {m.Text}"),
        JoinEvent j => PlainReplies.Encode($"* {j.SourceNick} joined"),
        QuitEvent q => PlainReplies.Encode($"* {q.SourceNick} left ({q.Reason.Message})"),
        NickChangeEvent n => PlainReplies.Encode($"* {n.SourceNick} is now {n.NewNick}"),
        _ => ReadOnlyMemory<byte>.Empty,
    };
}
