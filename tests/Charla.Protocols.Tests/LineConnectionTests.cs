using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Charla.Core.Sessions;
using Charla.Protocols.Connections;
using Charla.Protocols.Plain;

namespace Charla.Protocols.Tests;

/// <summary>How a connection ends when Charla itself fails on a line: the server is told once, the connection closes.</summary>
public sealed class LineConnectionTests
{
    private readonly ChatEngine _engine = new(new EngineOptions(), TimeProvider.System);

    [Fact]
    public async Task A_failure_inside_the_protocol_is_reported_to_the_observer_once_and_the_connection_closes()
    {
        var observer = new RecordingObserver();
        var (run, transport, session, toClient) = await StartFailingAsync(observer);
        await run.WaitAsync(TimeSpan.FromSeconds(10)); // does not fault: the observer has the error

        var (ended, host, failure) = Assert.Single(observer.Ended);
        Assert.Same(transport, ended);
        Assert.Equal("memory", host);
        Assert.IsType<InvalidOperationException>(failure);
        Assert.Equal(DisconnectKind.InternalError, session.CloseReason?.Kind);
        var output = await toClient.Reader.ReadAsync();
        Assert.True(output.IsCompleted); // the transport was closed
        Assert.DoesNotContain(session, _engine.Connections);
    }

    [Fact]
    public async Task Without_an_observer_the_failure_faults_the_task()
    {
        var (run, _, _, _) = await StartFailingAsync(observer: null);

        await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    /// <summary>A connection whose protocol fails on its first line, which is sent.</summary>
    private async Task<(Task Run, PipeTransport Transport, ClientSession Session, Pipe ToClient)> StartFailingAsync(IConnectionObserver? observer)
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        var transport = new PipeTransport(new DuplexPipe(toServer.Reader, toClient.Writer));
        var session = new PlainSession(transport, "memory", new PlainOptions(), _engine.Options, TimeProvider.System);
        var run = LineConnection.RunAsync(_engine, session, new FailingProtocol(), transport, TimeSpan.FromSeconds(5), observer);
        await toServer.Writer.WriteAsync(Encoding.UTF8.GetBytes("boom\n"));
        return (run, transport, session, toClient);
    }

    private sealed class RecordingObserver : IConnectionObserver
    {
        public List<(ILineTransport Transport, string Host, Exception? Failure)> Ended { get; } = [];

        public void OnEnded(ILineTransport transport, string remoteHost, Exception? failure) => Ended.Add((transport, remoteHost, failure));
    }

    private sealed class FailingProtocol : ILineProtocol
    {
        public int MaxLineBytes => 100;

        public FloodPolicy FloodPolicy => FloodPolicy.Refuse;

        public int MaxPendingBytes => 0;

        public void Start()
        {
        }

        public void OnLine(in ReadOnlySequence<byte> line) => throw new InvalidOperationException("a bug in a command");

        public void OnLineTooLong()
        {
        }

        public void OnFloodRefused()
        {
        }

        public ReadOnlyMemory<byte> Goodbye(DisconnectReason reason) => ReadOnlyMemory<byte>.Empty;
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input => input;

        public PipeWriter Output => output;
    }
}
