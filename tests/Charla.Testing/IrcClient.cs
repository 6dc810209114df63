using System.Net;
using System.Text;

namespace Charla.Testing;

/// <summary>One message from the server, split the way RFC 1459 says (a parser of the tests' own).</summary>
public sealed record IrcReply(string Raw, string? Source, string Command, IReadOnlyList<string> Params)
{
    public string this[int index] => Params[index];

    public string Last => Params[^1];

    /// <summary>The value of tag <paramref name="key"/> as written (not unescaped), "" for a tag without one, or null when absent.</summary>
    public string? Tag(string key)
    {
        if (!Raw.StartsWith('@'))
        {
            return null;
        }

        foreach (var tag in Raw[1..Raw.IndexOf(' ', StringComparison.Ordinal)].Split(';'))
        {
            var equals = tag.IndexOf('=', StringComparison.Ordinal);
            if ((equals < 0 ? tag : tag[..equals]) == key)
            {
                return equals < 0 ? string.Empty : tag[(equals + 1)..];
            }
        }

        return null;
    }

    public static IrcReply Parse(string raw)
    {
        var rest = raw;
        if (rest.StartsWith('@'))
        {
            rest = rest[(rest.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        }

        string? source = null;
        if (rest.StartsWith(':'))
        {
            var space = rest.IndexOf(' ', StringComparison.Ordinal);
            source = rest[1..space];
            rest = rest[(space + 1)..];
        }

        var trailing = rest.IndexOf(" :", StringComparison.Ordinal);
        var middle = trailing < 0 ? rest : rest[..trailing];
        var parts = middle.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var command = parts[0];
        parts.RemoveAt(0);
        if (trailing >= 0)
        {
            parts.Add(rest[(trailing + 2)..]);
        }

        return new IrcReply(raw, source, command, parts);
    }
}

/// <summary>An IRC client for tests, over a socket or in-memory pipes: send raw lines, read parsed replies.</summary>
public sealed class IrcClient : IAsyncDisposable
{
    private readonly ClientLink _link;
    private readonly StrictLineReader _reader;
    private int _fences;

    public IrcClient(ClientLink link)
    {
        _link = link;
        _reader = new StrictLineReader(link.Input, LineGrammar.Irc);
    }

    /// <summary>The connection underneath, to close or reset it.</summary>
    public ClientLink Link => _link;

    public string Nick { get; private set; } = "*";

    public static async Task<IrcClient> ConnectAsync(IPEndPoint server) => new(await ClientLink.ConnectAsync(server));

    /// <summary>Registers as <paramref name="nick"/>, asking for <paramref name="caps"/>; returns the burst up to the MOTD's end.</summary>
    public async Task<List<IrcReply>> RegisterAsync(string nick, params string[] caps)
    {
        Nick = nick;
        if (caps.Length > 0)
        {
            await SendAsync("CAP LS 302");
        }

        await SendAsync($"NICK {nick}");
        await SendAsync($"USER {nick} 0 * :The {nick}");
        if (caps.Length > 0)
        {
            await SendAsync($"CAP REQ :{string.Join(' ', caps)}");
            await SendAsync("CAP END");
        }

        return await ReadUntilAsync(r => r.Command is "376" or "422");
    }

    /// <summary>Joins and reads through the end of the names list.</summary>
    public async Task<List<IrcReply>> JoinAsync(string channel)
    {
        await SendAsync($"JOIN {channel}");
        return await ReadUntilAsync(r => r.Command == "366");
    }

    public async Task SendAsync(string line) => await SendRawAsync(Encoding.UTF8.GetBytes(line + "\r\n"));

    public async Task SendRawAsync(byte[] bytes) => await _link.Output.WriteAsync(bytes);

    /// <summary>The next message, or null when the server closed the connection.</summary>
    public async Task<IrcReply?> ReadAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? PlainClient.DefaultTimeout);
        try
        {
            var line = await _reader.ReadLineAsync(cancel.Token);
            return line is null ? null : IrcReply.Parse(line);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("no message from the server in time");
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The next message, which must be <paramref name="command"/>.</summary>
    public async Task<IrcReply> ExpectAsync(string command)
    {
        var reply = await ReadAsync() ?? throw new InvalidOperationException($"connection closed, expected {command}");
        Assert.True(reply.Command == command, $"expected {command}, got: {reply.Raw}");
        return reply;
    }

    /// <summary>Messages up to and including the first that matches.</summary>
    public async Task<List<IrcReply>> ReadUntilAsync(Func<IrcReply, bool> stop)
    {
        var replies = new List<IrcReply>();
        while (true)
        {
            var reply = await ReadAsync() ?? throw new InvalidOperationException(
                "the server closed the connection; so far: " + string.Join(" | ", replies.Select(r => r.Raw)));
            replies.Add(reply);
            if (stop(reply))
            {
                return replies;
            }
        }
    }

    /// <summary>Sends a PING and returns everything that arrived before its PONG: what the server sent up to now.</summary>
    public async Task<List<IrcReply>> FenceAsync()
    {
        var token = $"fence{++_fences}";
        await SendAsync($"PING {token}");
        var replies = await ReadUntilAsync(r => r.Command == "PONG" && r.Last == token);
        replies.RemoveAt(replies.Count - 1);
        return replies;
    }

    /// <summary>Every message until the server closes the connection.</summary>
    public async Task<List<IrcReply>> ReadToEndAsync()
    {
        var replies = new List<IrcReply>();
        while (await ReadAsync() is { } reply)
        {
            replies.Add(reply);
        }

        return replies;
    }

    public ValueTask DisposeAsync() => _link.DisposeAsync();
}
