namespace Charla.Core.Limits;

/// <summary>What flood control says about one incoming line.</summary>
public enum FloodVerdict
{
    /// <summary>Within the rate: handle the line.</summary>
    Accept,
    /// <summary>Too fast: refuse the line and tell the client.</summary>
    Refuse,
    /// <summary>Too fast for too long: disconnect with "Excess Flood".</summary>
    Disconnect,
}

/// <summary>
/// A token bucket for one client's incoming lines. Each line costs one token; tokens refill at
/// <see cref="FloodOptions.LinesPerSecond"/> up to <see cref="FloodOptions.Burst"/>. The bucket
/// may go into debt: lines taken in debt are refused, and a debt past
/// <see cref="FloodOptions.ExcessLimit"/> disconnects. A client that pauses pays its debt back.
/// </summary>
/// <remarks>
/// Not thread-safe: one gate per connection, used by its reader loop only. A struct, kept
/// inside the connection's own state: pass it by reference.
/// </remarks>
public struct FloodGate
{
    private readonly FloodOptions _options;
    private readonly TimeProvider _time;
    private double _tokens;
    private long _lastRefill;

    public FloodGate(FloodOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _tokens = options.Burst;
        _lastRefill = time.GetTimestamp();
    }

    /// <summary>How long until the bucket is out of debt (zero when it is not in debt).</summary>
    public readonly TimeSpan TimeUntilClear => _tokens >= 0 || _options.LinesPerSecond <= 0
        ? TimeSpan.Zero
        : TimeSpan.FromSeconds(-_tokens / _options.LinesPerSecond);

    public FloodVerdict Take()
    {
        if (_options.LinesPerSecond <= 0)
        {
            return FloodVerdict.Accept;
        }

        var now = _time.GetTimestamp();
        var refill = _time.GetElapsedTime(_lastRefill, now).TotalSeconds * _options.LinesPerSecond;
        _lastRefill = now;
        _tokens = Math.Min(_options.Burst, _tokens + refill) - 1;

        if (_tokens >= 0)
        {
            return FloodVerdict.Accept;
        }

        return -_tokens > _options.ExcessLimit ? FloodVerdict.Disconnect : FloodVerdict.Refuse;
    }
}
