using Charla.Load.Clients;
using Charla.Load.Measure;

namespace Charla.Load.Scenarios;

/// <summary>Many channels: C clients spread over K channels, every client sending M messages at a rate to its own.</summary>
public static class ChannelsScenario
{
    public static async Task<LoadResult> RunAsync(LoadOptions options, int clients, int channels, int messages, double rate, CancellationToken cancellationToken)
    {
        if (options.Protocol != WireProtocol.Irc)
        {
            throw new ArgumentException("the channels scenario needs IRC: plain mode has one room");
        }

        string ChannelOf(int i) => $"#ch{i % channels}";
        var members = Enumerable.Range(0, channels).Select(k => Enumerable.Range(0, clients).Count(i => i % channels == k)).ToArray();
        var expected = Enumerable.Range(0, clients).Select(i => (long)(members[i % channels] - 1) * messages).ToArray();
        var pool = await ClientPool.ConnectAsync(options, clients, ChannelOf, i => (int)expected[i], "c", cancellationToken);
        try
        {
            var shape = new LoadResult
            {
                Scenario = "channels",
                Server = options.ServerLabel,
                Protocol = "irc",
                Clients = clients,
                Senders = clients,
                Messages = messages,
                Rate = rate,
                Channels = channels,
            };
            return await DeliveryMeasurement.RunAsync(options, pool, expected, clients, messages,
                token => Task.WhenAll(pool.Select((c, i) => Sender.RunAsync(c, options.Protocol, ChannelOf(i), i, messages, rate, token))),
                shape, cancellationToken);
        }
        finally
        {
            await ClientPool.DisposeAllAsync(pool);
        }
    }
}
