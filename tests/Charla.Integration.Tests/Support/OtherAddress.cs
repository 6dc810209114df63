using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Charla.Integration.Tests.Support;

/// <summary>
/// Raw connections from a chosen loopback address (Linux answers all of 127.0.0.0/8): a second
/// address for tests of what the server does per address.
/// </summary>
public static class OtherAddress
{
    /// <summary>A TCP connection to <paramref name="server"/> from <paramref name="from"/>.</summary>
    public static async Task<Socket> ConnectAsync(IPEndPoint server, string from)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Parse(from), 0));
        await socket.ConnectAsync(server);
        return socket;
    }

    /// <summary>Connects from <paramref name="from"/>, sends <paramref name="send"/>, and reads lines until the server closes.</summary>
    public static async Task<List<string>> ReadAllAsync(IPEndPoint server, string from, string send = "")
    {
        using var socket = await ConnectAsync(server, from);
        if (send.Length > 0)
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(send));
        }

        using var reader = new StreamReader(new NetworkStream(socket), Encoding.UTF8);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var lines = new List<string>();
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }
}
