using BenchmarkDotNet.Attributes;
using Charla.Core;
using Charla.Core.Channels;
using Charla.Core.Routing;
using Charla.Core.Sessions;
using Charla.Protocols.Plain;

namespace Charla.Benchmarks;

/// <summary>
/// One lobby message to N members: encoded once, the same bytes queued N-1 times. The
/// allocations per operation should not grow with N (one event, one encoded line).
/// </summary>
[MemoryDiagnoser]
public class FanoutBenchmarks
{
    private ChatEngine _engine = null!;
    private BenchSession[] _members = [];
    private Channel _lobby = null!;

    [Params(10, 200)]
    public int Members { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = new EngineOptions { SendQueueBytes = int.MaxValue };
        _engine = new ChatEngine(options, TimeProvider.System);
        _members = Enumerable.Range(0, Members).Select(_ => new BenchSession(options)).ToArray();
        foreach (var member in _members)
        {
            _engine.Attach(member);
            _engine.Join(member, _engine.LobbyName);
        }

        _lobby = _engine.FindChannel(_engine.LobbyName)!;
        Drain();
    }

    [Benchmark]
    public void BroadcastToLobby()
    {
        _engine.SendMessage(_members[0], _lobby, "hello everyone, this is a line of chat", MessageKind.Normal);
        Drain();
    }

    private void Drain()
    {
        foreach (var member in _members)
        {
            while (member.Output.TryDequeue(out _))
            {
            }
        }
    }

    private sealed class BenchSession(EngineOptions options)
        : ClientSession(PlainWireFormat.Instance, "bench", options, TimeProvider.System)
    {
        protected override void OnClosing(DisconnectReason reason)
        {
        }
    }
}
