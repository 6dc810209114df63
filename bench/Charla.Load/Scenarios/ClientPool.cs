using Charla.Load.Clients;

namespace Charla.Load.Scenarios;

/// <summary>Connects, registers and joins many clients, a bounded number at a time.</summary>
public static class ClientPool
{
    /// <param name="channelOf">The channel client i joins.</param>
    public static async Task<LoadClient[]> ConnectAsync(
        LoadOptions options, int count, Func<int, string> channelOf, Func<int, int> expectedOf, string nickPrefix, CancellationToken cancellationToken)
    {
        var clients = new LoadClient[count];
        using var gate = new SemaphoreSlim(LoadOptions.ConnectConcurrency);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                var client = await LoadClient.ConnectAsync(options.Server, options.Protocol, $"{nickPrefix}{i}", expectedOf(i), cancellationToken);
                await client.JoinAsync(channelOf(i), cancellationToken);
                clients[i] = client;
            }
            finally
            {
                gate.Release();
            }
        }));
        return clients;
    }

    public static async Task DisposeAllAsync(IEnumerable<LoadClient> clients)
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }
}
