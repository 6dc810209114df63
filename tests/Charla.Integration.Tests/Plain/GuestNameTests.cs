using Charla.Integration.Tests.Support;

namespace Charla.Integration.Tests.Plain;

public sealed class GuestNameTests
{
    [Fact]
    public async Task Two_hundred_clients_connecting_at_once_all_get_distinct_guest_names()
    {
        const int Count = 200;
        await using var server = await TestServer.StartAsync();

        var clients = await Task.WhenAll(Enumerable.Range(0, Count).Select(_ => server.ConnectAsync()));
        var nicks = clients.Select(c => c.Nick).ToList();
        Assert.All(nicks, n => Assert.Matches("^Guest[0-9]+$", n));
        Assert.Equal(Count, nicks.Distinct(StringComparer.OrdinalIgnoreCase).Count());

        // Once every client is in, the lobby lists exactly these names.
        var observer = await server.ConnectAsync();
        await observer.SendLineAsync("/who");
        var who = await observer.ReadLineAsync();
        Assert.StartsWith($"* In the lobby ({Count + 1}): ", who);
        var listed = who!.Split(": ", 2)[1].Split(", ");
        Assert.Equal(nicks.Append(observer.Nick).Order(), listed.Order());

        // Each client was told of everyone exactly once: in its welcome count, or by a join line.
        foreach (var client in clients)
        {
            var joins = (await client.FenceAsync()).Count(l => l.EndsWith(" joined", StringComparison.Ordinal));
            Assert.Equal(Count, client.OthersAtWelcome + joins); // the 199 others and the observer
        }
    }
}
