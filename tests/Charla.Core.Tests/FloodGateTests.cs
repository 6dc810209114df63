using Charla.Core.Limits;
using Microsoft.Extensions.Time.Testing;

namespace Charla.Core.Tests;

public sealed class FloodGateTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly FloodOptions _options = new() { LinesPerSecond = 2, Burst = 3, ExcessLimit = 2 };

    [Fact]
    public void A_burst_passes_then_lines_are_refused_then_the_client_is_disconnected()
    {
        var gate = new FloodGate(_options, _time);
        var verdicts = Enumerable.Range(0, 6).Select(_ => gate.Take()).ToList();

        Assert.Equal(
            [FloodVerdict.Accept, FloodVerdict.Accept, FloodVerdict.Accept, FloodVerdict.Refuse, FloodVerdict.Refuse, FloodVerdict.Disconnect],
            verdicts);
    }

    [Fact]
    public void Lines_at_the_allowed_rate_are_always_accepted()
    {
        var gate = new FloodGate(_options, _time);
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(FloodVerdict.Accept, gate.Take());
            _time.Advance(TimeSpan.FromMilliseconds(500));
        }
    }

    [Fact]
    public void A_client_that_pauses_pays_its_debt_back()
    {
        var gate = new FloodGate(_options, _time);
        for (var i = 0; i < 5; i++)
        {
            gate.Take();
        }

        _time.Advance(TimeSpan.FromSeconds(3)); // 6 tokens refill: debt of 2 paid, bucket full again
        Assert.Equal([FloodVerdict.Accept, FloodVerdict.Accept, FloodVerdict.Accept, FloodVerdict.Refuse],
            Enumerable.Range(0, 4).Select(_ => gate.Take()));
    }

    [Fact]
    public void A_rate_of_zero_turns_flood_control_off()
    {
        var gate = new FloodGate(new FloodOptions { LinesPerSecond = 0, Burst = 1, ExcessLimit = 0 }, _time);
        Assert.All(Enumerable.Range(0, 1000), _ => Assert.Equal(FloodVerdict.Accept, gate.Take()));
    }
}
