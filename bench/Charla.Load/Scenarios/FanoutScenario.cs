using Charla.Load.Measure;

namespace Charla.Load.Scenarios;

/// <summary>
/// Fan-out: C clients in one channel; the first S send M messages each (unbounded or at a rate
/// per sender); every other member should receive every message. With stalled members, that
/// many more join and never read (slow consumers): the others' figures should not change.
/// </summary>
public static class FanoutScenario
{
    public const string Channel = "#bench";

    public static async Task<LoadResult> RunAsync(
        LoadOptions options, int clients, int senders, int messages, double rate, CancellationToken cancellationToken, int stalled = 0)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(senders, clients);
        var expected = Enumerable.Range(0, clients).Select(i => (long)(senders - (i < senders ? 1 : 0)) * messages).ToArray();
        var pool = await ClientPool.ConnectAsync(options, clients, _ => Channel, i => (int)expected[i], "f", cancellationToken);
        var slow = new List<Clients.BlockingClient>();
        try
        {
            for (var i = 0; i < stalled; i++)
            {
                var client = Clients.BlockingClient.Connect(options.Server, options.Protocol, $"stalled{i}");
                client.Join(Channel);
                client.Socket.ReceiveBufferSize = 4096; // a small window: the server's queue for it fills soon, not the kernel's
                slow.Add(client); // never read again: the server's SendQ for it fills, then it is dropped
            }

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
            slow.ForEach(c => c.Dispose());
            await ClientPool.DisposeAllAsync(pool);
        }
    }
}
