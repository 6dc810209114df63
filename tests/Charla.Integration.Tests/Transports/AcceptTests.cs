using Charla.Integration.Tests.Support;

namespace Charla.Integration.Tests.Transports;

/// <summary>
/// Accepting, both ways (Charla's epoll loop accepts on Linux by default, or its several loops
/// with Tcp:EpollLoops; .NET's accept with Tcp:Epoll false): a crowd arriving at once is taken
/// whole, and each client's registration is read. (Past the connection cap and
/// out of descriptors: <see cref="ServerFullTests"/>.)
/// </summary>
public sealed class AcceptTests
{
    [Theory]
    [InlineData("true", "1")]
    [InlineData("true", "2")]
    [InlineData("true", "0")]
    [InlineData("false", "1")]
    public async Task A_crowd_connecting_at_once_is_accepted_whole(string epoll, string loops)
    {
        const int Clients = 200;
        await using var server = await TestServer.StartAsync(("Tcp:Epoll", epoll), ("Tcp:EpollLoops", loops));

        var clients = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => server.ConnectAsync()));

        Assert.Equal(Clients, clients.Select(c => c.Nick).Distinct().Count()); // each welcomed, by its own name
        Assert.Equal(Clients, server.Engine.SessionCount);
    }
}
