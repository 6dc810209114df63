using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Charla.Load.Clients;
using Charla.Load.Measure;

namespace Charla.Load.Scenarios;

/// <summary>
/// Durable ingest: C clients spread over K channels, the first S of them senders that each wait
/// for their message's acknowledgement before sending the next, for a fixed time: acknowledged
/// messages per second and the latency from send to acknowledgement. The acknowledgement is
/// the PONG of a PING sent right behind the message: every server answers it only after
/// handling the message (and Charla only after the message is on disk), so the same measure
/// fits servers that store nothing. Blocking sockets on threads, as churn: the generator's
/// cheapest way to wait for one reply at a time.
/// </summary>
public static class IngestScenario
{
    public static async Task<LoadResult> RunAsync(LoadOptions options, int clients, int senders, int channels, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (options.Protocol != WireProtocol.Irc)
        {
            throw new ArgumentException("the ingest scenario needs IRC (PING as the acknowledgement)");
        }

        string ChannelOf(int i) => $"#in{i % channels}";
        var connected = new List<BlockingClient>();
        try
        {
            for (var i = 0; i < clients; i++)
            {
                var client = BlockingClient.Connect(options.Server, options.Protocol, $"i{i}");
                connected.Add(client);
                client.Join(ChannelOf(i));
            }

            var latencies = new List<double>[senders];
            long failures = 0;
            var running = true;
            var cpuBefore = options.Process.CpuSeconds();
            var started = Stopwatch.GetTimestamp();
            var threads = connected.Select((client, i) => new Thread(() =>
            {
                if (i >= senders)
                {
                    client.DrainWhile(() => Volatile.Read(ref running));
                    return;
                }

                var mine = latencies[i] = new List<double>(100_000);
                var buffer = new byte[512];
                try
                {
                    for (var sequence = 0; Stopwatch.GetElapsedTime(started) < duration && !cancellationToken.IsCancellationRequested; sequence++)
                    {
                        var sent = Stopwatch.GetTimestamp();
                        var length = LoadMessage.Format(buffer, options.Protocol, ChannelOf(i), i, sequence, sent);
                        var marker = Encoding.ASCII.GetBytes($"ack{sequence}");
                        length += Encoding.ASCII.GetBytes($"PING :ack{sequence}\r\n", buffer.AsSpan(length));
                        if (!client.SendAndAwait(buffer.AsSpan(0, length), marker))
                        {
                            Interlocked.Increment(ref failures);
                            return;
                        }

                        mine.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                    }
                }
                catch (Exception ex) when (ex is IOException or SocketException)
                {
                    Interlocked.Increment(ref failures);
                }
            }, maxStackSize: 256 * 1024) { IsBackground = true, Name = $"ingest client {i}" }).ToList();
            threads.ForEach(thread => thread.Start());
            await Task.Run(() => threads.Take(senders).ToList().ForEach(thread => thread.Join()), CancellationToken.None);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var cpu = options.Process.CpuSeconds() - cpuBefore;
            Volatile.Write(ref running, false);
            connected.ForEach(c => c.Dispose()); // the listeners' receives end
            await Task.Run(() => threads.ForEach(thread => thread.Join()), CancellationToken.None);

            var all = latencies.Where(l => l is not null).SelectMany(l => l).Order().ToArray();
            return new LoadResult
            {
                Scenario = "ingest",
                Server = options.ServerLabel,
                Protocol = "irc",
                Clients = clients,
                Senders = senders,
                Channels = channels,
                Seconds = seconds,
                Delivered = all.Length,
                DeliveriesPerSecond = all.Length / seconds,
                P50Ms = Percentiles.NearestRank(all, 50),
                P99Ms = Percentiles.NearestRank(all, 99),
                MaxMs = all.Length == 0 ? 0 : all[^1],
                ServerCpuSeconds = cpu,
                CpuSecondsPerMillionDeliveries = cpu is { } c && all.Length > 0 ? c / all.Length * 1e6 : null,
                Disconnected = (int)failures,
            };
        }
        finally
        {
            connected.ForEach(c => c.Dispose());
        }
    }
}
