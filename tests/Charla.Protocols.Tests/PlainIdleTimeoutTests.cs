using Charla.Core.Liveness;
using Charla.Protocols.Tests.Support;
using Charla.Protocols.Plain;
using Microsoft.Extensions.Time.Testing;

namespace Charla.Protocols.Tests;

/// <summary>Plain mode's idle timeout on a fake clock: deterministic, no sleeping.</summary>
public sealed class PlainIdleTimeoutTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly ChatEngine _engine;

    public PlainIdleTimeoutTests() => _engine = new ChatEngine(new EngineOptions(), _time);

    [Fact]
    public async Task A_silent_client_is_dropped_after_the_idle_timeout_and_the_lobby_is_told()
    {
        var options = new PlainOptions { IdleTimeoutSeconds = 30 };
        var silent = new InMemoryConnection(_engine, options);
        Assert.StartsWith("* Welcome to Charla, Guest1!", await silent.ReadLineAsync());
        var talker = new InMemoryConnection(_engine, options);
        await talker.ReadLineAsync();
        Assert.Equal("* Guest2 joined", await silent.ReadLineAsync());

        _time.Advance(TimeSpan.FromSeconds(20));
        await talker.SendAsync("still here\n");
        Assert.Equal("(OK)", await talker.ReadLineAsync());
        _time.Advance(TimeSpan.FromSeconds(11));
        LivenessMonitor.SweepOnce(_engine);

        Assert.Equal("Guest2: still here", await silent.ReadLineAsync());
        Assert.Equal("(ERROR) Disconnected: Ping timeout: 30 seconds.", await silent.ReadLineAsync());
        Assert.Null(await silent.ReadLineAsync());
        Assert.Equal("* Guest1 left (Ping timeout: 30 seconds)", await talker.ReadLineAsync());
        await silent.Run;
        Assert.Equal(1, _engine.SessionCount);
    }

    [Fact]
    public async Task With_no_idle_timeout_a_silent_reader_stays()
    {
        var silent = new InMemoryConnection(_engine, new PlainOptions());
        await silent.ReadLineAsync();

        _time.Advance(TimeSpan.FromDays(1));
        LivenessMonitor.SweepOnce(_engine);

        Assert.Equal(1, _engine.SessionCount);
        Assert.False(silent.Run.IsCompleted);
    }
}
