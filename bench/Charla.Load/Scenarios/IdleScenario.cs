using System.Diagnostics;
using Charla.Load.Measure;

namespace Charla.Load.Scenarios;

/// <summary>
/// Idle connections: N clients registered and joined (P per channel, so joins do not cost
/// N squared), held for a while; the server's resident memory per connection, and how fast
/// they got there.
/// </summary>
public static class IdleScenario
{
    public static async Task<LoadResult> RunAsync(LoadOptions options, int clients, int perChannel, TimeSpan hold, CancellationToken cancellationToken)
    {
        var before = options.Process.ResidentKiB();
        var started = Stopwatch.GetTimestamp();
        var pool = await ClientPool.ConnectAsync(options, clients, i => $"#idle{i / perChannel}", _ => 0, "i", cancellationToken);
        var setup = Stopwatch.GetElapsedTime(started).TotalSeconds;
        try
        {
            using var holding = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var receivers = pool.Select(c => Task.Run(() => c.ReceiveAsync(1, holding.Token), cancellationToken)).ToArray();
            await Task.Delay(hold, cancellationToken);
            var after = options.Process.ResidentKiB();
            await holding.CancelAsync();
            await Task.WhenAll(receivers);
            return new LoadResult
            {
                Scenario = "idle",
                Server = options.ServerLabel,
                Protocol = options.Protocol.ToString().ToLowerInvariant(),
                Clients = clients,
                Channels = (clients + perChannel - 1) / perChannel,
                Seconds = setup,
                ConnectionsPerSecond = clients / setup,
                Disconnected = pool.Count(c => c.Disconnected),
                ServerKiBBefore = before,
                ServerKiBAfter = after,
                KiBPerConnection = after is { } a && before is { } b ? (double)(a - b) / clients : null,
            };
        }
        finally
        {
            await ClientPool.DisposeAllAsync(pool);
        }
    }
}
