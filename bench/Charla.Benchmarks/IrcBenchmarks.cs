using BenchmarkDotNet.Attributes;
using Charla.Core;
using Charla.Core.Channels;
using Charla.Core.Routing;
using Charla.Core.Sessions;
using Charla.Protocols.Irc;
using Charla.Protocols.Irc.Messages;

namespace Charla.Benchmarks;

/// <summary>The IRC hot path: parsing a client line, and encoding one channel message per wire form.</summary>
[MemoryDiagnoser]
public class IrcBenchmarks
{
    private static readonly IrcWireFormats Forms = new("charla.local");

    private const string Line = "@+draft/reply=abc PRIVMSG #lobby :hello everyone, this is a line of chat";
    private MessageEvent _message = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = new EngineOptions();
        var sender = new BenchSession(options);
        _message = new MessageEvent(sender, "alice", new Channel("#lobby", isLobby: true, DateTimeOffset.UtcNow), "hello everyone, this is a line of chat", MessageKind.Normal)
        {
            Time = DateTimeOffset.UtcNow,
        };
    }

    private static readonly byte[] LineBytes = System.Text.Encoding.UTF8.GetBytes(Line);

    /// <summary>What the server does per line: decode into the thread's buffer and parse into its reused message.</summary>
    [Benchmark]
    public IrcMessage? ParseLine() => IrcParser.ParseReused(LineBytes);

    [Benchmark]
    public ReadOnlyMemory<byte> EncodePlainIrc() => Forms.Plain.Encode(_message);

    [Benchmark]
    public ReadOnlyMemory<byte> EncodeWithTags() => Forms.For(IrcFeatures.MessageTags | IrcFeatures.ServerTime).Encode(_message);

    private sealed class BenchSession(EngineOptions options)
        : ClientSession(Forms.Plain, "127.0.0.1", options, TimeProvider.System)
    {
        protected override void OnClosing(DisconnectReason reason)
        {
        }
    }
}
