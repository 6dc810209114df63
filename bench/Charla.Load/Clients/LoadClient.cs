using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Charla.Load.Measure;

namespace Charla.Load.Clients;

/// <summary>
/// One simulated user on a real socket. Setup (register, join) reads line by line; then
/// <see cref="ReceiveAsync"/> counts test messages and their latency, answers PINGs and counts
/// plain mode's (OK) acknowledgements, with one buffer and no allocation per line.
/// </summary>
public sealed class LoadClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly WireProtocol _protocol;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private int _start;
    private int _end;

    private LoadClient(Socket socket, WireProtocol protocol, int expectedDeliveries)
    {
        _socket = socket;
        _protocol = protocol;
        Log = new LatencyLog(expectedDeliveries);
    }

    public string Nick { get; private set; } = string.Empty;

    public LatencyLog Log { get; }

    /// <summary>Plain mode: (OK) lines received (one per message this client sent).</summary>
    public int Acks { get; private set; }

    /// <summary>Test messages that arrived out of order from one sender.</summary>
    public int OutOfOrder { get; private set; }

    /// <summary>True when the server closed the connection or it broke before the end.</summary>
    public bool Disconnected { get; private set; }

    /// <summary>Connects and registers (IRC: NICK/USER until 001; plain: the welcome line).</summary>
    public static async Task<LoadClient> ConnectAsync(IPEndPoint server, WireProtocol protocol, string nick, int expectedDeliveries, CancellationToken cancellationToken)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(server, cancellationToken);
        var client = new LoadClient(socket, protocol, expectedDeliveries);
        if (protocol == WireProtocol.Irc)
        {
            client.Nick = nick;
            await client.SendTextAsync($"NICK {nick}\r\nUSER {nick} 0 * :load {nick}\r\n", cancellationToken);
            await client.ReadUntilAsync(l => Command(l) == "001", cancellationToken);
        }
        else
        {
            var welcome = await client.ReadUntilAsync(l => l.StartsWith("* Welcome to Charla, ", StringComparison.Ordinal), cancellationToken);
            client.Nick = welcome["* Welcome to Charla, ".Length..welcome.IndexOf('!', StringComparison.Ordinal)];
        }

        return client;
    }

    /// <summary>Joins <paramref name="channel"/> and waits for the end of its names list (IRC; plain users are in the lobby already).</summary>
    public async Task JoinAsync(string channel, CancellationToken cancellationToken)
    {
        if (_protocol == WireProtocol.Irc)
        {
            await SendTextAsync($"JOIN {channel}\r\n", cancellationToken);
            await ReadUntilAsync(l => Command(l) == "366", cancellationToken);
        }
    }

    public async Task SendTextAsync(string text, CancellationToken cancellationToken) =>
        await SendAsync(Encoding.UTF8.GetBytes(text), cancellationToken);

    /// <summary>Sends whole lines; the sender task and PONG replies never interleave.</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _sendGate.WaitAsync(cancellationToken);
        try
        {
            while (!bytes.IsEmpty)
            {
                var sent = await _socket.SendAsync(bytes, SocketFlags.None, cancellationToken);
                bytes = bytes[sent..];
            }
        }
        catch (SocketException)
        {
            Disconnected = true;
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <summary>Reads and counts until the connection closes or <paramref name="cancellationToken"/> fires.</summary>
    public async Task ReceiveAsync(int senders, CancellationToken cancellationToken)
    {
        var lastSequence = new int[Math.Max(senders, 1)];
        Array.Fill(lastSequence, -1);
        try
        {
            while (true)
            {
                if (!await FillAsync(cancellationToken))
                {
                    Disconnected = true;
                    return;
                }

                var now = Stopwatch.GetTimestamp();
                while (TryTakeLine(out var line))
                {
                    Handle(line.Span, now, lastSequence);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
            Disconnected = true;
        }
    }

    private void Handle(ReadOnlySpan<byte> line, long now, int[] lastSequence)
    {
        if (LoadMessage.TryParse(line, out var sender, out var sequence, out var sent))
        {
            Log.Add(sent, now);
            if ((uint)sender < (uint)lastSequence.Length)
            {
                if (sequence <= lastSequence[sender])
                {
                    OutOfOrder++;
                }

                lastSequence[sender] = sequence;
            }
        }
        else if (line.SequenceEqual("(OK)"u8))
        {
            Acks++;
        }
        else if (line.StartsWith("PING "u8))
        {
            // Peers ping idle clients; a load client that did not answer would be dropped.
            var pong = new byte[line.Length + 2];
            "PONG"u8.CopyTo(pong);
            line[4..].CopyTo(pong.AsSpan(4));
            pong[^2] = (byte)'\r';
            pong[^1] = (byte)'\n';
            _ = SendAsync(pong, CancellationToken.None);
        }
    }

    /// <summary>Setup-time reading: lines as strings until one matches; PINGs are answered.</summary>
    private async Task<string> ReadUntilAsync(Func<string, bool> stop, CancellationToken cancellationToken)
    {
        while (true)
        {
            while (TryTakeLine(out var bytes))
            {
                var line = Encoding.UTF8.GetString(bytes.Span);
                if (line.StartsWith("PING ", StringComparison.Ordinal))
                {
                    await SendTextAsync("PONG " + line[5..] + "\r\n", cancellationToken);
                }
                else if (Command(line) is "ERROR" or "433" or "432" or "451" or "471" or "473" or "474" or "475")
                {
                    throw new IOException($"{Nick}: {line}");
                }
                else if (stop(line))
                {
                    return line;
                }
            }

            if (!await FillAsync(cancellationToken))
            {
                throw new IOException($"{Nick}: the server closed the connection during setup");
            }
        }
    }

    /// <summary>The command or numeric of an IRC line: the first word, or the second after a :source.</summary>
    private static string Command(string line)
    {
        var words = line.Split(' ', 3);
        return line.StartsWith(':') ? (words.Length > 1 ? words[1] : string.Empty) : words[0];
    }

    private bool TryTakeLine(out ReadOnlyMemory<byte> line)
    {
        var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
        if (newline < 0)
        {
            line = default;
            return false;
        }

        var length = newline > 0 && _buffer[_start + newline - 1] == (byte)'\r' ? newline - 1 : newline;
        line = _buffer.AsMemory(_start, length);
        _start += newline + 1;
        return true;
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            _end = 0; // a line longer than the buffer: not ours to measure; drop it
        }

        var read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
        _end += read;
        return read > 0;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_protocol == WireProtocol.Irc && !Disconnected)
            {
                await SendTextAsync("QUIT :load done\r\n", CancellationToken.None);
            }
        }
        finally
        {
            _socket.Dispose();
            _sendGate.Dispose();
        }
    }
}
