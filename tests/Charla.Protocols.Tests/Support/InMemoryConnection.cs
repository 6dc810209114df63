using System.IO.Pipelines;
using System.Text;
using Charla.Protocols.Connections;
using Charla.Protocols.Plain;

namespace Charla.Protocols.Tests.Support;

/// <summary>A plain-mode connection over an in-memory duplex pipe: the protocol without sockets.</summary>
internal sealed class InMemoryConnection
{
    private readonly Pipe _toServer = new();
    private readonly Pipe _toClient = new();
    private string _pending = string.Empty;

    public InMemoryConnection(ChatEngine engine, PlainOptions options)
    {
        Run = PlainConnection.RunAsync(engine, options, new PipeTransport(new DuplexPipe(_toServer.Reader, _toClient.Writer)), "memory", TimeSpan.FromSeconds(5));
    }

    /// <summary>The connection's task: ends when the server side is done with it.</summary>
    public Task Run { get; }

    public async Task SendAsync(string text) => await _toServer.Writer.WriteAsync(Encoding.UTF8.GetBytes(text));

    /// <summary>The next line from the server, or null once it closed the connection.</summary>
    public async Task<string?> ReadLineAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var newline = _pending.IndexOf('\n', StringComparison.Ordinal);
            if (newline >= 0)
            {
                var line = _pending[..newline];
                _pending = _pending[(newline + 1)..];
                return line;
            }

            var result = await _toClient.Reader.ReadAsync(timeout.Token);
            _pending += Encoding.UTF8.GetString(result.Buffer);
            _toClient.Reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted && result.Buffer.IsEmpty)
            {
                return null;
            }
        }
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
