using System.Net;
using System.Net.Sockets;

namespace Charla.Testing;

/// <summary>
/// The connection a test client talks through: a real TCP socket, or in-memory pipes to the
/// protocol code. The clients read <see cref="Input"/> and write <see cref="Output"/>.
/// </summary>
public abstract class ClientLink : IAsyncDisposable
{
    /// <summary>What the server sends.</summary>
    public abstract Stream Input { get; }

    /// <summary>What the client sends.</summary>
    public abstract Stream Output { get; }

    /// <summary>Ends what the client sends (a FIN, as when its input ends); it still reads.</summary>
    public abstract void EndOutput();

    /// <summary>Closes normally.</summary>
    public abstract void Close();

    /// <summary>Closes as a crashed client's machine would (a TCP reset where there is TCP).</summary>
    public abstract void Reset();

    public abstract ValueTask DisposeAsync();

    /// <summary>A TCP connection to <paramref name="server"/>, with Nagle off.</summary>
    /// <param name="receiveBufferBytes">A small receive buffer makes a slow reader fill up quickly.</param>
    public static async Task<ClientLink> ConnectAsync(IPEndPoint server, int? receiveBufferBytes = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (receiveBufferBytes is { } size)
        {
            socket.ReceiveBufferSize = size;
        }

        await socket.ConnectAsync(server);
        return new SocketLink(socket);
    }

    private sealed class SocketLink(Socket socket) : ClientLink
    {
        private readonly NetworkStream _stream = new(socket, ownsSocket: false);

        public override Stream Input => _stream;

        public override Stream Output => _stream;

        public override void EndOutput() => socket.Shutdown(SocketShutdown.Send);

        public override void Close() => socket.Close();

        public override void Reset()
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }

        public override async ValueTask DisposeAsync()
        {
            await _stream.DisposeAsync();
            socket.Dispose();
        }
    }
}
