using Charla.Load.Measure;

namespace Charla.Load.Scenarios;

/// <summary>
/// Fan-out: C clients in one channel; the first S send M messages each (unbounded or at a rate
/// per sender); every other member should receive every message. With stalled members, that
/// many more join and never read (slow consumers); with flooders, that many more send to the
/// channel as fast as they can the whole time, reading nothing (abusers): either way the
/// others' figures should not change. Their lines are not counted.
/// </summary>
public static class FanoutScenario
{
    public const string Channel = "#bench";

    public static async Task<LoadResult> RunAsync(
        LoadOptions options, int clients, int senders, int messages, double rate, CancellationToken cancellationToken, int stalled = 0, int flooders = 0)
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

            using var stopFlooding = new CancellationTokenSource();
            var flooding = Enumerable.Range(0, flooders).Select(i =>
            {
                var flooder = Clients.BlockingClient.Connect(options.Server, options.Protocol, $"flood{i}");
                flooder.Join(Channel);
                slow.Add(flooder);
                return Task.Run(() => Flood(flooder, stopFlooding.Token), CancellationToken.None);
            }).ToList();

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
            var result = await DeliveryMeasurement.RunAsync(options, pool, expected, senders, messages,
                token => Task.WhenAll(pool.Take(senders).Select((c, s) => Sender.RunAsync(c, options.Protocol, Channel, s, messages, rate, token))),
                shape, cancellationToken);
            await stopFlooding.CancelAsync();
            await Task.WhenAll(flooding);
            return result;
        }
        finally
        {
            slow.ForEach(c => c.Dispose());
            await ClientPool.DisposeAllAsync(pool);
        }
    }

    /// <summary>Sends lines to the channel as fast as the socket takes them until stopped or dropped by the server.</summary>
    private static void Flood(Clients.BlockingClient flooder, CancellationToken stop)
    {
        var line = System.Text.Encoding.ASCII.GetBytes($"PRIVMSG {Channel} :flooding flooding flooding flooding flooding\r\n");
        flooder.Socket.SendTimeout = 500; // a server that stops reading it (flood control) must not keep it from seeing the stop
        while (!stop.IsCancellationRequested)
        {
            try
            {
                flooder.Send(line);
            }
            catch (System.Net.Sockets.SocketException ex) when (ex.SocketErrorCode == System.Net.Sockets.SocketError.TimedOut)
            {
                // Held back by the server: try again, or stop.
            }
            catch (System.Net.Sockets.SocketException)
            {
                return; // the server dropped it
            }
        }
    }
}
