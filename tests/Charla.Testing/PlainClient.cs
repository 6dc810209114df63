using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Charla.Testing;

/// <summary>A plain-mode client for tests, over a socket or in-memory pipes: send lines, read lines with a timeout.</summary>
public sealed partial class PlainClient : IAsyncDisposable
{
    /// <summary>
    /// How long a read waits before the test fails. Tests wait on what the server sends, never on
    /// a clock; this only bounds a test whose awaited line never comes.
    /// </summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private readonly ClientLink _link;
    private readonly StrictLineReader _reader;

    public PlainClient(ClientLink link)
    {
        _link = link;
        _reader = new StrictLineReader(link.Input, LineGrammar.Plain);
    }

    /// <summary>The nickname the welcome line gave (empty if the welcome was not read).</summary>
    public string Nick { get; private set; } = string.Empty;

    /// <summary>How many others the welcome line said were in the lobby.</summary>
    public int OthersAtWelcome { get; private set; }

    /// <summary>Connects and, unless told not to, reads the welcome line and learns the nick from it.</summary>
    /// <param name="receiveBufferBytes">A small receive buffer makes a slow reader fill up quickly.</param>
    public static async Task<PlainClient> ConnectAsync(IPEndPoint server, bool readWelcome = true, int? receiveBufferBytes = null)
    {
        var client = new PlainClient(await ClientLink.ConnectAsync(server, receiveBufferBytes));
        if (readWelcome)
        {
            await client.ReadWelcomeAsync();
        }

        return client;
    }

    /// <summary>Reads the welcome line and learns the nick and the count of others from it.</summary>
    public async Task ReadWelcomeAsync()
    {
        var welcome = await ReadLineAsync();
        var match = WelcomeLine().Match(welcome ?? string.Empty);
        Assert.True(match.Success, $"expected a welcome line, got: {welcome}");
        Nick = match.Groups["nick"].Value;
        OthersAtWelcome = match.Groups["others"].Success ? int.Parse(match.Groups["others"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    public Task SendAsync(string text) => SendBytesAsync(Encoding.UTF8.GetBytes(text));

    public Task SendLineAsync(string line) => SendAsync(line + "\n");

    public async Task SendBytesAsync(byte[] bytes) => await _link.Output.WriteAsync(bytes);

    /// <summary>The next line, or null when the server closed the connection.</summary>
    /// <exception cref="TimeoutException">Nothing arrived in time.</exception>
    public async Task<string?> ReadLineAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            return await _reader.ReadLineAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no line from the server within {(timeout ?? DefaultTimeout).TotalSeconds} s");
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Reads the next line and checks it is <paramref name="expected"/>.</summary>
    public async Task ExpectAsync(string expected) => Assert.Equal(expected, await ReadLineAsync());

    /// <summary>Reads lines up to and including the first that matches; fails on close or timeout.</summary>
    public async Task<List<string>> ReadUntilAsync(Func<string, bool> stop, TimeSpan? timeout = null)
    {
        var lines = new List<string>();
        while (true)
        {
            var line = await ReadLineAsync(timeout) ?? throw new InvalidOperationException(
                "the server closed the connection; lines so far: " + string.Join(" | ", lines));
            lines.Add(line);
            if (stop(line))
            {
                return lines;
            }
        }
    }

    /// <summary>
    /// Sends <c>/who</c> and returns every line that arrived before its answer: what the server
    /// sent this client up to now, with no waiting on a clock.
    /// </summary>
    public async Task<List<string>> FenceAsync()
    {
        await SendLineAsync("/who");
        var lines = await ReadUntilAsync(l => l.StartsWith("* In the lobby (", StringComparison.Ordinal));
        lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    /// <summary>Reads every line until the server closes the connection.</summary>
    public async Task<List<string>> ReadToEndAsync(TimeSpan? timeout = null)
    {
        var lines = new List<string>();
        while (await ReadLineAsync(timeout) is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>Closes with a TCP reset, as a crashed client's kernel would.</summary>
    public void Reset() => _link.Reset();

    /// <summary>Closes normally (FIN).</summary>
    public void Close() => _link.Close();

    /// <summary>Ends what this client sends (a FIN, as when its input ends), still reading what comes back.</summary>
    public void EndOutput() => _link.EndOutput();

    public ValueTask DisposeAsync() => _link.DisposeAsync();

    [GeneratedRegex(@"^\* Welcome to Charla, (?<nick>[^!\s]+)! (Nobody else is|(?<others>\d+) others? (person is|people are)) in the lobby\.")]
    private static partial Regex WelcomeLine();
}
