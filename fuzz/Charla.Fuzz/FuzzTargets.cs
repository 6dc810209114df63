using System.Buffers;
using System.IO.Pipelines;
using Charla.Core;
using Charla.Protocols.Connections;
using Charla.Protocols.Irc;
using Charla.Protocols.Irc.Messages;
using Charla.Protocols.Lines;
using Charla.Protocols.Plain;

namespace Charla.Fuzz;

/// <summary>
/// What is fuzzed, each a function of the bytes a client could send: a target passes when it
/// returns, and fails by throwing (a crash), or by not finishing in time (a hang).
/// </summary>
public static class FuzzTargets
{
    /// <summary>How long one input may take before it counts as a hang.</summary>
    private static readonly TimeSpan HangAfter = TimeSpan.FromSeconds(10);

    public static readonly IReadOnlyDictionary<string, Action<byte[]>> All = new Dictionary<string, Action<byte[]>>
    {
        ["framer"] = Framer,
        ["irc-parser"] = IrcParserTarget,
        ["irc"] = input => Connection(input, irc: true),
        ["plain"] = input => Connection(input, irc: false),
    };

    /// <summary>Lines out of the framer never hold CR or LF, and never pass its limit.</summary>
    public static void Framer(byte[] input)
    {
        var framer = new LineFramer(64);
        var buffer = new ReadOnlySequence<byte>(input);
        while (true)
        {
            var status = framer.TryRead(ref buffer, out var line);
            if (status == FrameStatus.NeedMore)
            {
                return;
            }

            if (status == FrameStatus.Line && (line.Length > 64 || line.PositionOf((byte)'\n') is not null || line.PositionOf((byte)'\r') is not null))
            {
                throw new InvalidOperationException("the framer handed on a line with CR or LF, or past its limit");
            }
        }
    }

    /// <summary>Every line the parser accepts has a command; nothing it is given makes it throw.</summary>
    public static void IrcParserTarget(byte[] input)
    {
        foreach (var line in input.AsSpan().Split((byte)'\n'))
        {
            if (IrcParser.ParseReused(input.AsSpan(line)) is { } message && message.Command.Length == 0)
            {
                throw new InvalidOperationException("a parsed message without a command");
            }
        }
    }

    /// <summary>
    /// A whole connection as the server runs it (framing, flood control off, every command),
    /// in IRC or plain mode, fed the input and then closed, beside a plain-mode user in the
    /// lobby; the connection must end by itself and without an error of the server's.
    /// </summary>
    public static void Connection(byte[] input, bool irc)
    {
        var engine = new ChatEngine(new EngineOptions { Flood = new FloodOptions { LinesPerSecond = 0 } }, TimeProvider.System);
        var server = new IrcServerInfo(new IrcOptions(), engine.Options, engine.StartedAt);
        var observer = new FailureObserver();
        var bystander = Run(engine, server, [], irc: false, observer, closeInput: false);
        var fuzzed = Run(engine, server, input, irc, observer, closeInput: true);
        if (!fuzzed.Wait(HangAfter))
        {
            throw new TimeoutException("the connection did not end after its input did");
        }

        engine.BeginShutdown();
        if (!bystander.Wait(HangAfter))
        {
            throw new TimeoutException("the bystander did not end at shutdown");
        }

        if (observer.Failure is { } failure)
        {
            throw new InvalidOperationException("the server failed on this input", failure);
        }
    }

    private static Task Run(ChatEngine engine, IrcServerInfo server, byte[] input, bool irc, FailureObserver observer, bool closeInput)
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        var transport = new PipeTransport(new DuplexPipe(toServer.Reader, toClient.Writer));
        _ = DrainAsync(toClient.Reader);
        toServer.Writer.Write(input);
        _ = toServer.Writer.FlushAsync().AsTask();
        if (closeInput)
        {
            toServer.Writer.Complete();
        }

        var drain = TimeSpan.FromSeconds(1);
        return irc
            ? IrcConnection.RunAsync(engine, server, transport, "192.0.2.1", drain, observer)
            : PlainConnection.RunAsync(engine, new PlainOptions(), transport, "192.0.2.2", drain, observer);
    }

    /// <summary>Reads (and drops) what the server writes, as a client that reads.</summary>
    private static async Task DrainAsync(PipeReader reader)
    {
        while (true)
        {
            var result = await reader.ReadAsync().ConfigureAwait(false);
            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                await reader.CompleteAsync().ConfigureAwait(false);
                return;
            }
        }
    }

    private sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;

    private sealed class FailureObserver : IConnectionObserver
    {
        public Exception? Failure { get; private set; }

        public void OnEnded(ILineTransport transport, string remoteHost, Exception? failure) => Failure ??= failure;
    }
}
