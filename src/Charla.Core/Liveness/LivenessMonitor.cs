namespace Charla.Core.Liveness;

/// <summary>
/// Asks every session about once a period whether it is still alive; each protocol applies its
/// own policy in <see cref="Sessions.ClientSession.CheckLiveness"/>. One timer for the whole
/// server instead of one per connection. The sweep also trims idle output queues.
/// </summary>
public static class LivenessMonitor
{
    public static async Task RunAsync(ChatEngine engine, TimeSpan period, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(period, engine.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                SweepOnce(engine);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Checks every session once, now.</summary>
    public static void SweepOnce(ChatEngine engine)
    {
        var now = engine.Time.GetTimestamp();
        foreach (var session in engine.Connections)
        {
            session.CheckLiveness(now);
            // The same sweep lets idle output queues give back their arrays.
            session.Output.Trim();
        }
    }
}
