using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace Charla.Floor;

/// <summary>
/// The .NET sockets floor: one async loop per connection that waits with a zero-byte receive
/// (no buffer held while idle), as Charla's own transport does.
/// </summary>
internal static class SocketFloor
{
    public static async Task RunAsync(int port)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        listener.Listen(4096);
        while (true)
        {
            var client = await listener.AcceptAsync();
            client.NoDelay = true;
            _ = ServeAsync(client);
        }
    }

    private static async Task ServeAsync(Socket client)
    {
        using var _ = client;
        var nick = "*";
        byte[] carry = []; // a partial line, between reads
        try
        {
            while (true)
            {
                await client.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None);
                var buffer = ArrayPool<byte>.Shared.Rent(carry.Length + 4096);
                try
                {
                    carry.CopyTo(buffer, 0);
                    var read = client.Receive(buffer.AsSpan(carry.Length), SocketFlags.None);
                    if (read == 0)
                    {
                        return;
                    }

                    var length = carry.Length + read;
                    var used = MinimalIrc.AnswerLines(buffer.AsSpan(0, length), ref nick, reply => client.Send(reply));
                    carry = buffer.AsSpan(used, length - used).ToArray();
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        catch (SocketException)
        {
            // The client went away.
        }
    }
}
