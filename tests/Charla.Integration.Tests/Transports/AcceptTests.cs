using Charla.Integration.Tests.Support;

namespace Charla.Integration.Tests.Transports;

/// <summary>
/// Accepting, both ways (Charla's epoll loops accept on Linux by default; .NET's accept with
/// Tcp:Epoll false): a crowd arriving at once is taken whole. (Past the connection cap and
/// out of descriptors: <see cref="ServerFullTests"/>.)
/// </summary>
public sealed class AcceptTests
{
    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public async Task A_crowd_connecting_at_once_is_accepted_whole(string epoll)
    {
        const int Clients = 200;
        await using var server = await TestServer.StartAsync(("Tcp:Epoll", epoll));

        var clients = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => server.ConnectAsync()));

        Assert.Equal(Clients, clients.Select(c => c.Nick).Distinct().Count()); // each welcomed, by its own name
        Assert.Equal(Clients, server.Engine.SessionCount);
    }
}
