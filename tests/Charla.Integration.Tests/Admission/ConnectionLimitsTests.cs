using System.Net.Sockets;
using System.Text;
using Charla.Integration.Tests.Support;

namespace Charla.Integration.Tests.Admission;

/// <summary>The per-address limit on a real server: a crowd from one address is refused with a clear line while another address still connects.</summary>
public sealed class ConnectionLimitsTests
{
    [LinuxFact("a second loopback address (127.0.0.2)")]
    public async Task Past_the_limit_one_address_is_refused_in_each_protocol_and_another_address_still_connects()
    {
        await using var server = await TestServer.StartAsync(("Connections:ExemptLocalhost", "false"), ("Connections:MaxPerAddress", "2"));
        var first = await server.ConnectAsync();
        await server.RegisterIrcAsync("second");

        Assert.Equal(["(ERROR) Too many connections from your address (2 at once)."], await OtherAddress.ReadAllAsync(server.PlainEndPoint, "127.0.0.1"));
        Assert.Equal(
            ["ERROR :Closing Link: 127.0.0.1 (Too many connections from your address (2 at once))"],
            await OtherAddress.ReadAllAsync(server.IrcEndPoint, "127.0.0.1", "NICK third\r\nUSER third 0 * :third\r\n"));

        using (var other = await OtherAddress.ConnectAsync(server.PlainEndPoint, "127.0.0.2"))
        {
            using var reader = new StreamReader(new NetworkStream(other), Encoding.UTF8);
            Assert.StartsWith("* Welcome to Charla, ", await reader.ReadLineAsync());
        }

        await first.SendLineAsync("/quit");
        await first.ReadToEndAsync();
        var again = await server.ConnectAsync(); // one of its two ended: the address may connect again
        Assert.NotNull(again.Nick);

        var refusals = server.Events.Where(e => e.StartsWith("Refused a connection", StringComparison.Ordinal)).ToList();
        Assert.StartsWith("Refused a connection (Plain) from 127.0.0.1 port ", Assert.Single(refusals), StringComparison.Ordinal); // the address's first refusal, not one line per attempt
        Assert.Contains(server.Events, e => e.StartsWith("Connection (Plain) from 127.0.0.2 port ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Past_the_limit_of_connections_still_registering_new_ones_wait_for_one_to_finish()
    {
        await using var server = await TestServer.StartAsync(("Connections:MaxUnregistered", "1"), ("Connections:ExemptLocalhost", "false"));
        var registering = await server.ConnectIrcAsync(); // says nothing yet
        await registering.SendAsync("CAP LS 302");
        await registering.ExpectAsync("CAP");

        Assert.Equal(
            ["ERROR :Closing Link: 127.0.0.1 (Too many connections are registering; try again in a moment)"],
            await OtherAddress.ReadAllAsync(server.IrcEndPoint, "127.0.0.1", "NICK late\r\nUSER late 0 * :late\r\n"));

        await registering.SendAsync("NICK early\r\nUSER early 0 * :early\r\nCAP END");
        await registering.ExpectAsync("001");
        var next = await server.RegisterIrcAsync("next"); // nobody is registering now
        Assert.NotNull(next);
        Assert.Contains(server.Events, e => e.EndsWith("1 connections are registering", StringComparison.Ordinal));
    }
}
