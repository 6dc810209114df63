using Charla.Load.Measure;

namespace Charla.Load.Scenarios;

/// <summary>
/// Fan-out: C clients in one channel; the first S send M messages each (unbounded or at a rate
/// per sender); every other member should receive every message.
/// </summary>
public static class FanoutScenario
{
    public const string Channel = "#bench";

    public static async Task<LoadResult> RunAsync(LoadOptions options, int clients, int senders, int messages, double rate, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(senders, clients);
        var expected = Enumerable.Range(0, clients).Select(i => (long)(senders - (i < senders ? 1 : 0)) * messages).ToArray();
        var pool = await ClientPool.ConnectAsync(options, clients, _ => Channel, i => (int)expected[i], "f", cancellationToken);
        try
        {
            var shape = new LoadResult
            {
                Scenario = rate > 0 ? "fanout-rate" : "fanout",
                Server = options.ServerLabel,
                Protocol = options.Protocol.ToString().ToLowerInvariant(),
                Clients = clients,
                Senders = senders,
                Messages = messages,
                Rate = rate,
                Channels = 1,
            };
            return await DeliveryMeasurement.RunAsync(options, pool, expected, senders, messages,
                token => Task.WhenAll(pool.Take(senders).Select((c, s) => Sender.RunAsync(c, options.Protocol, Channel, s, messages, rate, token))),
                shape, cancellationToken);
        }
        finally
        {
            await ClientPool.DisposeAllAsync(pool);
        }
    }
}
