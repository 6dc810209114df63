using System.Net;
using System.Net.Sockets;
using Charla.Core;
using Charla.Protocols.Irc;
using Charla.Protocols.Irc.Messages;
using Charla.Protocols.Plain;
using Charla.Server.Admission;
using Charla.Server.Configuration;
using Charla.Server.Transports.Epoll;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Charla.Server.Transports;

/// <summary>
/// The plain-mode and IRC listeners, on Charla's own socket transport (<see cref="SocketTransport"/>,
/// which waits for input with <see cref="EpollLoops"/> on Linux):
/// bound when the host starts; when it stops (after the engine told every client goodbye), they
/// stop accepting and wait for the connections to finish.
/// </summary>
/// <remarks>
/// Not Kestrel, which serves HTTP: a chat connection is mostly idle and mostly written to by
/// other clients' fan-out. Kestrel's per-connection pipes, send loop and bookkeeping cost about
/// 4 KiB and a thread hop per write; here an idle connection holds a socket, a session and a
/// slot in an epoll loop (Linux), and fan-out writes straight to the socket (bench/RESULTS.md).
/// </remarks>
public sealed class LineListeners(ChatEngine engine, IrcServerInfo ircServer, CharlaOptions options, ILogger<LineListeners> logger)
    : IHostedService, IDisposable
{
    // Plain mode refuses lines over its limit, so little input ever waits; IRC may have its RecvQ waiting.
    private const int PlainMaxBufferedInput = 64 * 1024;

    // Fewer possible connections than this is worth a word at startup (a soft ulimit -n of 1024, common, is raised to the hard limit by .NET).
    private const int LowCapacityWarning = 500;

    private readonly TimeSpan _drainTimeout = TimeSpan.FromSeconds(options.Tcp.DrainTimeoutSeconds);
    private readonly int _ircMaxBufferedInput = options.Irc.RecvQueueBytes + (2 * IrcLimits.MaxLineBytes);
    private AddressLimits? _limits;
    private SocketListener? _plain;
    private SocketListener? _irc;
    private EpollLoops? _epoll;

    /// <summary>New per-address limits (a configuration reload); the connections counted so far stay counted.</summary>
    public void SetConnectionLimits(ConnectionLimitOptions limits) => _limits?.Reconfigure(limits);

    /// <summary>Bytes and refusals of both listeners' connections.</summary>
    public ConnectionCounters Counters { get; } = new();

    /// <summary>Where plain mode listens, with the real port, once started.</summary>
    public IPEndPoint PlainEndPoint => _plain?.EndPoint ?? throw new InvalidOperationException("Not started.");

    /// <summary>Where IRC listens, with the real port, once started.</summary>
    public IPEndPoint IrcEndPoint => _irc?.EndPoint ?? throw new InvalidOperationException("Not started.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _epoll = options.Tcp.Epoll ? EpollLoops.TryCreate(options.Tcp.EpollLoops, logger) : null;

        var address = ListenAddress.TryParse(options.Bind)!;
        _plain = SocketListener.Bind(address, options.Plain.Port, "Plain", "plain mode, --plain-port", logger, TuneListener);
        try
        {
            _irc = SocketListener.Bind(address, options.Irc.Port, "IRC", "IRC, --irc-port", logger, TuneListener);
        }
        catch
        {
            await _plain.DisposeAsync();
            _epoll?.Dispose();
            throw;
        }

        var descriptorLimit = ProcessDescriptors.Limit();
        var slots = new ConnectionSlots(ConnectionSlots.CapacityFor(options.Tcp.MaxConnections, descriptorLimit, ProcessDescriptors.Open()));
        if (slots.Capacity < LowCapacityWarning)
        {
            logger.LogWarning(
                "At most {Capacity} chat connections: the descriptor limit (ulimit -n {Limit}) or Tcp:MaxConnections allows no more",
                slots.Capacity, descriptorLimit);
        }

        var limits = _limits = new AddressLimits(options.Connections, engine.Time);
        _plain.Start(
            (transport, host, observer) => PlainConnection.RunAsync(engine, options.Plain, transport, host, _drainTimeout, observer),
            slots,
            limits,
            engine,
            Counters,
            (_, reason) => reason is null ? PlainReplies.ServerFull : PlainReplies.Encode(PlainReplies.Error(reason + ".")),
            PlainMaxBufferedInput,
            _epoll,
            TuneAccepted);
        _irc.Start(
            (transport, host, observer) => IrcConnection.RunAsync(engine, ircServer, transport, host, _drainTimeout, observer),
            slots,
            limits,
            engine,
            Counters,
            IrcConnection.Refusal,
            _ircMaxBufferedInput,
            _epoll,
            TuneAccepted);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(
            _plain?.StopAsync(cancellationToken) ?? Task.CompletedTask,
            _irc?.StopAsync(cancellationToken) ?? Task.CompletedTask);
        _epoll?.Dispose(); // after the connections: their last reads wait on it
    }

    private void TuneListener(Socket listener)
    {
        if (SocketTuning.InheritedFromListener)
        {
            SocketTuning.Apply(listener, options.Tcp);
        }
    }

    private void TuneAccepted(Socket socket)
    {
        if (!SocketTuning.InheritedFromListener)
        {
            SocketTuning.Apply(socket, options.Tcp);
        }
    }

    public void Dispose() => _epoll?.Dispose();
}
