using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Charla.Load.Clients;

/// <summary>
/// A client on a blocking socket, for a thread of its own that waits for one reply at a time
/// (churn). A thread blocked in receive is the cheapest waiter: no epoll registration and no
/// thread-pool hop per reply. With <see cref="LoadClient"/>'s asynchronous sockets, churn's
/// generator took more CPU per session than the server it measured (bench/RESULTS.md).
/// </summary>
public sealed class BlockingClient : IDisposable
{
    /// <summary>How long any one receive may wait: a server that stops answering fails the session, not the run.</summary>
    public static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(10);

    private readonly Socket _socket;
    private readonly LineBuffer _lines = new(8 * 1024);

    private BlockingClient(Socket socket) => _socket = socket;

    public string Nick { get; private set; } = string.Empty;

    /// <summary>Connects and registers (IRC: NICK/USER until 001; plain: the welcome line).</summary>
    public static BlockingClient Connect(IPEndPoint server, WireProtocol protocol, string nick)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            ReceiveTimeout = (int)ReplyTimeout.TotalMilliseconds,
        };
        var client = new BlockingClient(socket);
        try
        {
            socket.Connect(server);
            if (protocol == WireProtocol.Irc)
            {
                client.Nick = nick;
                client.SendText($"NICK {nick}\r\nUSER {nick} 0 * :load {nick}\r\n");
                client.ReadUntil(l => SetupLines.Command(l) == "001");
            }
            else
            {
                client.Nick = SetupLines.PlainNick(client.ReadUntil(l => l.StartsWith(SetupLines.PlainWelcome, StringComparison.Ordinal)));
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>IRC: joins <paramref name="channel"/> and waits for the end of its names list.</summary>
    public void Join(string channel)
    {
        SendText($"JOIN {channel}\r\n");
        ReadUntil(l => SetupLines.Command(l) == "366");
    }

    public void Send(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var sent = _socket.Send(bytes, SocketFlags.None, out var error);
            if (error is not SocketError.Success and not SocketError.WouldBlock)
            {
                throw new SocketException((int)error);
            }

            bytes = bytes[sent..]; // a non-blocking socket whose buffer is full: try again
        }
    }

    public void SendText(string text) => Send(Encoding.UTF8.GetBytes(text));

    public void Dispose() => _socket.Dispose();

    /// <summary>
    /// Sends <paramref name="lines"/> and reads until a line that ends with <paramref name="marker"/>
    /// (the PONG of a PING sent with them), passing over everything else and answering PINGs.
    /// False when the connection closed first.
    /// </summary>
    public bool SendAndAwait(ReadOnlySpan<byte> lines, ReadOnlySpan<byte> marker)
    {
        Send(lines);
        while (true)
        {
            while (_lines.TryTakeLine(out var line))
            {
                var span = line.Span;
                if (IsPong(span, marker))
                {
                    return true;
                }

                AnswerPing(span);
            }

            var read = _socket.Receive(_lines.Space().Span);
            if (read == 0)
            {
                return false;
            }

            _lines.Received(read);
        }
    }

    /// <summary>Reads and drops everything (answering PINGs) while <paramref name="keepGoing"/> says so, or until the socket closes.</summary>
    public void DrainWhile(Func<bool> keepGoing)
    {
        try
        {
            while (keepGoing())
            {
                var read = _socket.Receive(_lines.Space().Span);
                if (read == 0)
                {
                    return;
                }

                _lines.Received(read);
                while (_lines.TryTakeLine(out var line))
                {
                    AnswerPing(line.Span);
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // closed at the end of the run, or idle past the receive timeout
        }
    }

    /// <summary>Whether <paramref name="line"/> is the PONG that carries <paramref name="marker"/>.</summary>
    public static bool IsPong(ReadOnlySpan<byte> line, ReadOnlySpan<byte> marker) =>
        line.EndsWith(marker) && (line.IndexOf(" PONG "u8) >= 0 || line.StartsWith("PONG "u8));

    /// <summary>The socket, for a loop that waits for many clients at once (poll).</summary>
    public Socket Socket => _socket;

    /// <summary>
    /// For a client in such a loop, on a non-blocking socket: takes what has arrived; false when
    /// the server closed the connection. Then <see cref="TryTakeLine"/> gives the lines.
    /// </summary>
    public bool ReceiveAvailable()
    {
        try
        {
            var read = _socket.Receive(_lines.Space().Span);
            if (read == 0)
            {
                return false;
            }

            _lines.Received(read);
            return true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.WouldBlock)
        {
            return true;
        }
    }

    /// <summary>The next complete line received, PINGs answered and passed over.</summary>
    public bool TryTakeLine(out ReadOnlyMemory<byte> line)
    {
        while (_lines.TryTakeLine(out line))
        {
            if (!line.Span.StartsWith("PING "u8))
            {
                return true;
            }

            AnswerPing(line.Span);
        }

        return false;
    }

    private void AnswerPing(ReadOnlySpan<byte> line)
    {
        if (line.StartsWith("PING "u8))
        {
            Span<byte> pong = stackalloc byte[line.Length + 2];
            "PONG"u8.CopyTo(pong);
            line[4..].CopyTo(pong[4..]);
            pong[^2] = (byte)'\r';
            pong[^1] = (byte)'\n';
            Send(pong);
        }
    }

    private string ReadUntil(Func<string, bool> stop)
    {
        while (true)
        {
            while (SetupLines.TryTake(_lines, stop, Nick, out var match, out var pong))
            {
                if (match is not null)
                {
                    return match;
                }

                SendText(pong!);
            }

            var read = _socket.Receive(_lines.Space().Span);
            if (read == 0)
            {
                throw new IOException($"{Nick}: the server closed the connection during setup");
            }

            _lines.Received(read);
        }
    }
}
