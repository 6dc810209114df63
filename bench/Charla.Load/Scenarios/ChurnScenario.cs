using System.Diagnostics;
using System.Net.Sockets;
using Charla.Load.Clients;
using Charla.Load.Measure;

namespace Charla.Load.Scenarios;

/// <summary>
/// Churn: K workers loop connect, register, join, talk, part, quit for a fixed time; sessions per
/// second. Each worker is a thread with a blocking socket (<see cref="BlockingClient"/>): the
/// generator shares the machine's cores with the server, and this is its cheapest way to wait.
/// </summary>
public static class ChurnScenario
{
    public static async Task<LoadResult> RunAsync(LoadOptions options, int workers, TimeSpan duration, CancellationToken cancellationToken)
    {
        long sessions = 0, failures = 0;
        var started = Stopwatch.GetTimestamp();
        var threads = Enumerable.Range(0, workers).Select(worker => new Thread(() =>
        {
            var buffer = new byte[256];
            for (var round = 0; Stopwatch.GetElapsedTime(started) < duration && !cancellationToken.IsCancellationRequested; round++)
            {
                try
                {
                    using var client = BlockingClient.Connect(options.Server, options.Protocol, $"w{worker}r{round}");
                    if (options.Protocol == WireProtocol.Irc)
                    {
                        client.Join("#churn");
                    }

                    // Three writes, as a person's client sends them: the line, then leaving.
                    client.Send(buffer.AsSpan(0, LoadMessage.Format(buffer, options.Protocol, "#churn", worker, round, Stopwatch.GetTimestamp())));
                    if (options.Protocol == WireProtocol.Irc)
                    {
                        client.SendText("PART #churn\r\n");
                        client.SendText("QUIT :load done\r\n");
                    }
                    else
                    {
                        client.SendText("/quit\n");
                    }

                    Interlocked.Increment(ref sessions);
                }
                catch (Exception ex) when (ex is IOException or SocketException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }, maxStackSize: 256 * 1024) { IsBackground = true, Name = $"churn worker {worker}" }).ToList();
        threads.ForEach(thread => thread.Start());
        await Task.Run(() => threads.ForEach(thread => thread.Join()), CancellationToken.None);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return new LoadResult
        {
            Scenario = "churn",
            Server = options.ServerLabel,
            Protocol = options.Protocol.ToString().ToLowerInvariant(),
            Clients = workers,
            Seconds = seconds,
            Sessions = sessions,
            SessionsPerSecond = sessions / seconds,
            Disconnected = (int)failures,
        };
    }
}
