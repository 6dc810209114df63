using Microsoft.Extensions.Time.Testing;

namespace Charla.Testing;

/// <summary>
/// A fake clock that also says when the code under test starts waiting on it (creates a timer:
/// a <c>Task.Delay</c>, a periodic timer): a test advances the clock once the server waits,
/// instead of guessing with a sleep.
/// </summary>
public sealed class WatchedFakeTime : FakeTimeProvider
{
    private readonly SemaphoreSlim _timersCreated = new(0);

    public WatchedFakeTime()
        : base(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timersCreated.Release();
        return timer;
    }

    /// <summary>Waits until the code under test has created one more timer than this has waited for.</summary>
    public async Task WaitForTimerAsync()
    {
        if (!await _timersCreated.WaitAsync(PlainClient.DefaultTimeout))
        {
            throw new TimeoutException("the server never started to wait on the clock");
        }
    }
}
