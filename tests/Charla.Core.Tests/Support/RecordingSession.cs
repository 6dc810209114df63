using System.Text;
using Charla.Core.Routing;
using Charla.Core.Sessions;

namespace Charla.Core.Tests.Support;

/// <summary>A session whose wire form is readable text, and whose output the test drains.</summary>
internal sealed class RecordingSession(EngineOptions options, WireFormat? format = null, TimeProvider? time = null)
    : ClientSession(format ?? TextWireFormat.Instance, "test.host", options, time ?? TimeProvider.System)
{
    public override string Protocol => "test";

    public List<DisconnectReason> ClosedWith { get; } = [];

    /// <summary>Everything queued so far, one string per line, in order.</summary>
    public List<string> Drain()
    {
        var lines = new List<string>();
        while (Output.TryDequeue(out var bytes))
        {
            lines.AddRange(Encoding.UTF8.GetString(bytes.Span).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        return lines;
    }

    protected override void OnClosing(DisconnectReason reason) => ClosedWith.Add(reason);
}

/// <summary>Events as short text, and a count of how often it encoded (serialize-once checks).</summary>
internal sealed class TextWireFormat : WireFormat
{
    public static readonly TextWireFormat Instance = new();

    public int Encoded { get; private set; }

    public override ReadOnlyMemory<byte> Encode(ChatEvent chatEvent)
    {
        Encoded++;
        var text = chatEvent switch
        {
            MessageEvent m => $"MSG {m.SourceNick} {m.Kind} {m.Text}",
            JoinEvent j => $"JOIN {j.SourceNick}",
            QuitEvent q => $"QUIT {q.SourceNick} {q.Reason.Message}",
            NickChangeEvent n => $"NICK {n.SourceNick} {n.NewNick}",
            PartEvent p => $"PART {p.SourceNick} {p.Channel.Name} {p.Reason}",
            TopicEvent t => $"TOPIC {t.SourceNick} {t.Channel.Name} {t.Text}",
            PrivateMessageEvent m => $"PRIVMSG {m.SourceNick} {m.TargetNick} {m.Text}",
            _ => "?",
        };
        return Encoding.UTF8.GetBytes(text + "\n");
    }
}
