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
/// fits servers that store nothing. Clients connect and join on blocking sockets, then one
/// thread serves them all with poll.
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

            var latencies = new List<double>(1_000_000);
            long failures = 0;
            var cpuBefore = options.Process.CpuSeconds();
            var started = Stopwatch.GetTimestamp();
            await Task.Run(() => failures = Loop(options, connected, senders, ChannelOf, duration, started, latencies, cancellationToken), CancellationToken.None);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var cpu = options.Process.CpuSeconds() - cpuBefore;

            var all = latencies.Order().ToArray();
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

    /// <summary>
    /// Every client on one thread: wait for any socket to have input (poll), take it, and for a
    /// sender whose acknowledgement came, note the time and send its next message. Returns the
    /// number of clients the server closed. One thread, no wake-up per reply: the generator's
    /// cost stays well under the server's (50 threads on blocking sockets took as much CPU as
    /// the server they measured, bench/RESULTS.md).
    /// </summary>
    private static long Loop(
        LoadOptions options, List<BlockingClient> clients, int senders, Func<int, string> channelOf, TimeSpan duration, long started,
        List<double> latencies, CancellationToken cancellationToken)
    {
        var index = new Dictionary<Socket, int>();
        for (var i = 0; i < clients.Count; i++)
        {
            clients[i].Socket.Blocking = false;
            index[clients[i].Socket] = i;
        }

        var sentAt = new long[senders];
        var sequence = new int[senders];
        var markers = new byte[senders][];
        var buffer = new byte[512];
        var open = new bool[clients.Count];
        Array.Fill(open, true);
        var sending = senders;
        long failures = 0;

        void SendNext(int i)
        {
            if (Stopwatch.GetElapsedTime(started) >= duration || cancellationToken.IsCancellationRequested)
            {
                sending--;
                return;
            }

            sentAt[i] = Stopwatch.GetTimestamp();
            var length = LoadMessage.Format(buffer, options.Protocol, channelOf(i), i, sequence[i], sentAt[i]);
            markers[i] = Encoding.ASCII.GetBytes($"ack{sequence[i]}");
            length += Encoding.ASCII.GetBytes($"PING :ack{sequence[i]}\r\n", buffer.AsSpan(length));
            sequence[i]++;
            clients[i].Send(buffer.AsSpan(0, length));
        }

        for (var i = 0; i < senders; i++)
        {
            SendNext(i);
        }

        var ready = new List<Socket>(clients.Count);
        while (sending > 0)
        {
            ready.Clear();
            ready.AddRange(clients.Where((_, i) => open[i]).Select(c => c.Socket));
            if (ready.Count == 0)
            {
                break;
            }

            Socket.Select(ready, null, null, (int)BlockingClient.ReplyTimeout.TotalMicroseconds);
            if (ready.Count == 0)
            {
                break; // nothing for the reply timeout: the server stopped answering
            }

            foreach (var socket in ready)
            {
                var i = index[socket];
                if (!clients[i].ReceiveAvailable())
                {
                    open[i] = false;
                    failures++;
                    sending -= i < senders ? 1 : 0;
                    continue;
                }

                while (clients[i].TryTakeLine(out var line))
                {
                    if (i < senders && BlockingClient.IsPong(line.Span, markers[i]))
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(sentAt[i]).TotalMilliseconds);
                        SendNext(i);
                    }
                }
            }
        }

        return failures;
    }
}
