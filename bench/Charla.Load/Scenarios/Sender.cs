using System.Diagnostics;
using Charla.Load.Clients;

namespace Charla.Load.Scenarios;

/// <summary>Sends a client's share of test messages, as fast as possible or at a fixed rate.</summary>
public static class Sender
{
    /// <summary>Lines per write when unbounded: one syscall carries many, as a busy client's would.</summary>
    private const int Batch = 32;

    /// <param name="rate">Messages per second; 0 for as fast as the socket takes them.</param>
    public static async Task RunAsync(LoadClient client, WireProtocol protocol, string channel, int sender, int messages, double rate, CancellationToken cancellationToken)
    {
        var buffer = new byte[Batch * 128];
        var start = Stopwatch.GetTimestamp();
        for (var sequence = 0; sequence < messages;)
        {
            if (rate > 0)
            {
                var due = TimeSpan.FromSeconds(sequence / rate) - Stopwatch.GetElapsedTime(start);
                if (due > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(due, cancellationToken);
                }
            }

            var lines = rate > 0 ? 1 : Math.Min(Batch, messages - sequence);
            var length = 0;
            for (var i = 0; i < lines; i++)
            {
                length += LoadMessage.Format(buffer.AsSpan(length), protocol, channel, sender, sequence++, Stopwatch.GetTimestamp());
            }

            await client.SendAsync(buffer.AsMemory(0, length), cancellationToken);
        }
    }
}
