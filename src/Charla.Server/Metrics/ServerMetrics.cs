using Charla.Core;
using Charla.Core.Sessions;
using Charla.Server.Transports;
using Charla.Storage.Sqlite;
using Prometheus;

namespace Charla.Server.Metrics;

/// <summary>
/// The server's Prometheus metrics, served at <c>/metrics</c> on the HTTP port: read from the
/// engine's, the listeners' and the store's own counters when scraped (nothing is added to the
/// paths messages take), plus the commit sizes and times the store reports, and .NET's process
/// and GC figures. A registry of its own, so two servers in one process (tests) count apart.
/// </summary>
public sealed class ServerMetrics
{
    private static readonly DisconnectKind[] Kinds = Enum.GetValues<DisconnectKind>();

    private readonly ChatEngine _engine;
    private readonly ConnectionCounters _connections;
    private readonly SqliteStore _store;

    private readonly Gauge _open;
    private readonly Gauge _users;
    private readonly Gauge _channels;
    private readonly Gauge _operators;
    private readonly Gauge _sendQueue;
    private readonly Gauge _pending;
    private readonly Counter _messages;
    private readonly Counter _deliveries;
    private readonly Counter _bytesIn;
    private readonly Counter _bytesOut;
    private readonly Counter _ended;
    private readonly Counter _refused;
    private readonly Counter _stored;

    public ServerMetrics(ChatEngine engine, ConnectionCounters connections, SqliteStore store)
    {
        (_engine, _connections, _store) = (engine, connections, store);
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _open = factory.CreateGauge("charla_connections", "Chat connections open now, registered or not, by protocol.", "protocol");
        _users = factory.CreateGauge("charla_users", "Registered users now, by protocol.", "protocol");
        _channels = factory.CreateGauge("charla_channels", "Channels that exist now.");
        _operators = factory.CreateGauge("charla_operators", "Server operators now.");
        _sendQueue = factory.CreateGauge("charla_sendq_bytes", "Bytes queued to clients and not yet written (the SendQs together).");
        _pending = factory.CreateGauge("charla_history_pending_records", "Records waiting for the history writer.");
        _messages = factory.CreateCounter("charla_messages_received_total", "Messages received: PRIVMSG, NOTICE, TAGMSG, plain-mode lines and multiline batches, to channels and users.");
        _deliveries = factory.CreateCounter("charla_deliveries_total", "Copies of those messages queued to their recipients.");
        _bytesIn = factory.CreateCounter("charla_received_bytes_total", "Bytes read from chat connections.");
        _bytesOut = factory.CreateCounter("charla_sent_bytes_total", "Bytes written to chat connections.");
        _ended = factory.CreateCounter("charla_disconnects_total", "Registered users gone, by reason (quit, sendq_exceeded, excess_flood, ...).", "reason");
        _refused = factory.CreateCounter("charla_refused_connections_total", "Connections refused as they arrived, by reason (full, limit, banned).", "reason");
        _stored = factory.CreateCounter("charla_history_stored_records_total", "History records committed to disk.");
        var commitRecords = factory.CreateHistogram(
            "charla_history_commit_records", "Records per history commit (group commit).", new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(1, 2, 14) });
        var commitSeconds = factory.CreateHistogram(
            "charla_history_commit_seconds", "Time of one history commit, sync included.", new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0001, 2, 14) });
        store.CommitObserved = (records, took) =>
        {
            commitRecords.Observe(records);
            commitSeconds.Observe(took.TotalSeconds);
        };
        DotNetStats.Register(Registry);
        Registry.AddBeforeCollectCallback(Update);
    }

    public CollectorRegistry Registry { get; }

    private void Update()
    {
        var open = new Dictionary<string, int>(StringComparer.Ordinal) { ["IRC"] = 0, ["plain"] = 0 };
        var users = new Dictionary<string, int>(open);
        long queued = 0;
        foreach (var session in _engine.Connections)
        {
            open[session.Protocol] = open.GetValueOrDefault(session.Protocol) + 1;
            if (session.IsAttached)
            {
                users[session.Protocol] = users.GetValueOrDefault(session.Protocol) + 1;
            }

            queued += session.Output.QueuedBytes;
        }

        foreach (var (protocol, count) in open)
        {
            _open.WithLabels(protocol).Set(count);
            _users.WithLabels(protocol).Set(users[protocol]);
        }

        _channels.Set(_engine.ChannelCount);
        _operators.Set(_engine.OperatorCount);
        _sendQueue.Set(queued);
        _pending.Set(_store.PendingCount);
        _messages.IncTo(_engine.Counters.Messages);
        _deliveries.IncTo(_engine.Counters.Deliveries);
        _bytesIn.IncTo(_connections.BytesReceived);
        _bytesOut.IncTo(_connections.BytesSent);
        _stored.IncTo(_store.Stored);
        foreach (var kind in Kinds)
        {
            _ended.WithLabels(LabelOf(kind)).IncTo(_engine.Counters.EndedBy(kind));
        }

        _refused.WithLabels("full").IncTo(_connections.RefusedFull);
        _refused.WithLabels("limit").IncTo(_connections.RefusedLimited);
        _refused.WithLabels("banned").IncTo(_connections.RefusedBanned);
    }

    /// <summary>SendQueueExceeded as sendq_exceeded.</summary>
    private static string LabelOf(DisconnectKind kind) =>
        string.Concat(kind.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
