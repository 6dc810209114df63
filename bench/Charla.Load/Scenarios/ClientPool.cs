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
                clients[i] = await ConnectOneAsync(options, channelOf(i), $"{nickPrefix}{i}", expectedOf(i), cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
        return clients;
    }

    /// <summary>
    /// One client, retried a few times when the server refuses or resets the connection (a full
    /// listen backlog does that), as a real client would reconnect.
    /// </summary>
    private static async Task<LoadClient> ConnectOneAsync(LoadOptions options, string channel, string nick, int expected, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var client = await LoadClient.ConnectAsync(options.Server, options.Protocol, nick, expected, cancellationToken);
                await client.JoinAsync(channel, cancellationToken);
                return client;
            }
            catch (System.Net.Sockets.SocketException) when (attempt < 3)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
            }
            catch (System.Net.Sockets.SocketException ex)
            {
                throw new IOException($"{nick} could not connect after {attempt} attempts: {ex.Message}", ex);
            }
        }
    }

    public static async Task DisposeAllAsync(IEnumerable<LoadClient> clients)
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }
}
