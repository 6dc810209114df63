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
    private readonly LineBuffer _lines = new(64 * 1024);
    private readonly SemaphoreSlim _sendGate = new(1, 1);

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
            await client.ReadUntilAsync(l => SetupLines.Command(l) == "001", cancellationToken);
        }
        else
        {
            var welcome = await client.ReadUntilAsync(l => l.StartsWith(SetupLines.PlainWelcome, StringComparison.Ordinal), cancellationToken);
            client.Nick = SetupLines.PlainNick(welcome);
        }

        return client;
    }

    /// <summary>Joins <paramref name="channel"/> and waits for the end of its names list (IRC; plain users are in the lobby already).</summary>
    public async Task JoinAsync(string channel, CancellationToken cancellationToken)
    {
        if (_protocol == WireProtocol.Irc)
        {
            await SendTextAsync($"JOIN {channel}\r\n", cancellationToken);
            await ReadUntilAsync(l => SetupLines.Command(l) == "366", cancellationToken);
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
                while (_lines.TryTakeLine(out var line))
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
            while (SetupLines.TryTake(_lines, stop, Nick, out var match, out var pong))
            {
                if (match is not null)
                {
                    return match;
                }

                await SendTextAsync(pong!, cancellationToken);
            }

            if (!await FillAsync(cancellationToken))
            {
                throw new IOException($"{Nick}: the server closed the connection during setup");
            }
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        var read = await _socket.ReceiveAsync(_lines.Space(), SocketFlags.None, cancellationToken);
        _lines.Received(read);
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
