using System.Diagnostics;
using Charla.Load.Clients;
using Charla.Load.Measure;

namespace Charla.Load.Scenarios;

/// <summary>Churn: K workers loop connect, register, join, talk, part, quit for a fixed time; sessions per second.</summary>
public static class ChurnScenario
{
    public static async Task<LoadResult> RunAsync(LoadOptions options, int workers, TimeSpan duration, CancellationToken cancellationToken)
    {
        long sessions = 0, failures = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var buffer = new byte[256];
            for (var round = 0; Stopwatch.GetElapsedTime(started) < duration; round++)
            {
                try
                {
                    await using var client = await LoadClient.ConnectAsync(options.Server, options.Protocol, $"w{worker}r{round}", 0, cancellationToken);
                    await client.JoinAsync("#churn", cancellationToken);
                    var length = LoadMessage.Format(buffer, options.Protocol, "#churn", worker, round, Stopwatch.GetTimestamp());
                    await client.SendAsync(buffer.AsMemory(0, length), cancellationToken);
                    await client.SendTextAsync(options.Protocol == WireProtocol.Irc ? "PART #churn\r\n" : "/quit\n", cancellationToken);
                    Interlocked.Increment(ref sessions);
                }
                catch (IOException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }, cancellationToken)));
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
