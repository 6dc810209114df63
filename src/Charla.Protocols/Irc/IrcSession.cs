using System.Text;
using Charla.Core;
using Charla.Core.Channels;
using Charla.Core.Nicknames;
using Charla.Core.Routing;
using Charla.Core.Sessions;
using Charla.Protocols.Connections;
using Charla.Protocols.Irc.History;
using Charla.Protocols.Irc.Messages;
using Charla.Protocols.Irc.Multiline;
using Charla.Protocols.Irc.Replies;

namespace Charla.Protocols.Irc;

/// <summary>An IRC client: the core's session plus registration, capabilities and ping state.</summary>
public sealed class IrcSession : TransportSession
{
    public override string Protocol => "IRC";

    private readonly IrcServerInfo _server;
    private HashSet<string>? _caps; // made when the first capability is enabled: most clients idle with none
    private volatile bool _registered;
    private long _pingSentAt;
    private List<ReadOnlyMemory<byte>>? _captured;
    private List<ChatEvent>? _storedInCapture; // stored messages of the labeled command being handled
    private Task<string>? _laterInCapture; // the labeled command's answer, still being read
    private int _captureThread;

    public IrcSession(ILineTransport transport, string host, IrcServerInfo server, EngineOptions engineOptions, TimeProvider time)
        : base(transport, server.WireFormats.Plain, host, engineOptions, time)
    {
        _server = server;
        UserName = "*";
        RealName = string.Empty;
    }

    /// <summary>The server this client is connected to, as IRC describes it.</summary>
    public IrcServerInfo Server => _server;

    /// <summary>True once NICK, USER and capability negotiation are done and the welcome was sent.</summary>
    public bool IsRegistered => _registered;

    /// <summary>User mode +T: CTCP requests and replies from others (but ACTION) are not delivered.</summary>
    public bool RefusesCtcp { get; set; }

    /// <summary>The metadata keys this client subscribed to (METADATA SUB), or null: made on the first.</summary>
    public HashSet<string>? MetadataSubscriptions { get; set; }

    /// <summary>Whether this client has both draft/metadata-2 and batch: it gets metadata notifications and batches.</summary>
    public bool IsMetadataAware => Has(Capabilities.Metadata) && Has(Capabilities.Batch);

    public override bool WantsMetadata(string key) => MetadataSubscriptions?.Contains(key) == true && IsMetadataAware;

    /// <summary>
    /// Queues a numeric inside the batch <paramref name="batchId"/> (<c>@batch=id :server CODE
    /// target params...</c>); the last parameter is trailing text.
    /// </summary>
    public void NumericInBatch(string batchId, string code, params IReadOnlyList<string> parameters) =>
        LineInBatch(batchId, _server.Name, code, Target, parameters, trailing: true);

    /// <summary>Queues <c>@batch=id [:source] COMMAND [first] params...</c>.</summary>
    public void LineInBatch(string batchId, string? source, string command, string? first, IReadOnlyList<string> parameters, bool trailing)
    {
        var line = new Utf8LineWriter();
        line.Append("@batch="u8);
        line.Append(batchId);
        line.Append((byte)' ');
        IrcLine.Write(ref line, source, command, first, parameters, trailing);
        SendCopy(line.Written);
    }

    /// <summary>What PASS gave before registration (the server password), or null.</summary>
    public string? GivenPassword { get; set; }

    /// <summary>Whether the server password (when there is one) was checked and matched.</summary>
    public bool PasswordAccepted { get; set; }

    /// <summary>The multiline message this client is sending (between BATCH + and BATCH -), or null.</summary>
    public MultilineBatch? OpenBatch { get; set; }

    /// <summary>A batch refused part-way: its remaining lines and its end are ignored.</summary>
    public string? FailedBatchId { get; set; }

    /// <summary>The label of the BATCH command being handled, which BATCH keeps for the reply at the batch's end.</summary>
    public string? BatchLabel { get; set; }

    /// <summary>Takes <see cref="BatchLabel"/>.</summary>
    public string? TakeBatchLabel()
    {
        var label = BatchLabel;
        BatchLabel = null;
        return label;
    }

    /// <summary>The nickname given before registration, not yet claimed.</summary>
    public string? PendingNick { get; set; }

    /// <summary>True once USER was given.</summary>
    public bool HasUser { get; private set; }

    /// <summary>True between CAP LS/REQ and CAP END: registration waits.</summary>
    public bool CapNegotiating { get; set; }

    /// <summary>The CAP LS version the client asked for (302 for cap-notify and values).</summary>
    public int CapVersion { get; set; }

    /// <summary>How this client is named in numerics: its nick, or "*" before it has one.</summary>
    public string Target => _registered ? Nick : PendingNick ?? "*";

    public IReadOnlyCollection<string> EnabledCaps => (IReadOnlyCollection<string>?)_caps ?? [];

    public bool Has(string capability) => _caps?.Contains(capability) == true;

    public void EnableCap(string capability)
    {
        (_caps ??= new HashSet<string>(StringComparer.Ordinal)).Add(capability);
        WireFormat = _server.WireFormats.For(Capabilities.FeaturesOf(_caps));
    }

    public void DisableCap(string capability)
    {
        _caps?.Remove(capability);
        if (capability is Capabilities.Metadata or Capabilities.Batch)
        {
            MetadataSubscriptions = null; // "servers MUST clear that client's subscription list"
        }

        WireFormat = _server.WireFormats.For(Capabilities.FeaturesOf(EnabledCaps));
    }

    public void SetUser(string userName, string realName)
    {
        // No ident lookup: '~' says the user name is the client's own claim (as ircds do).
        UserName = "~" + (userName.Length > 16 ? userName[..16] : userName);
        RealName = realName;
        HasUser = true;
    }

    public void MarkRegistered() => _registered = true;

    /// <summary>
    /// From now until <see cref="EndCapture"/>, lines this thread sends to this client are kept
    /// instead of queued: the replies to one command, for labeled-response.
    /// </summary>
    public void BeginCapture()
    {
        _captured = [];
        _captureThread = Environment.CurrentManagedThreadId;
    }

    /// <summary>The lines kept since <see cref="BeginCapture"/>; sending goes back to normal.</summary>
    public List<ReadOnlyMemory<byte>> EndCapture()
    {
        var captured = _captured ?? [];
        _captured = null;
        return captured;
    }

    /// <summary>
    /// Ends the capture of a labeled command (or multiline batch) and sends its labeled
    /// response: now, or once the answer it waits for is read from history, or once the
    /// messages it sent are on disk (their echoes, or their FAILs, are part of it).
    /// </summary>
    public void FinishLabeled(string label)
    {
        var replies = EndCapture();
        if (TakeLaterInCapture() is { } later)
        {
            SendWhenReady(LabeledLaterAsync(label, replies, later));
        }
        else if (TakeStoredInCapture() is { } stored)
        {
            SendWhenStored(stored[^1].Stored!, new StoredAcknowledgements.Labeled(this, label, replies, stored));
        }
        else
        {
            LabeledResponse.Send(this, Server.Name, label, replies);
        }
    }

    /// <summary>The labeled response to a command whose answer came later (a read from history).</summary>
    private async Task<ReadOnlyMemory<byte>> LabeledLaterAsync(string label, List<ReadOnlyMemory<byte>> replies, Task<string> later)
    {
        replies.Add(Encoding.UTF8.GetBytes(await later));
        return Encoding.UTF8.GetBytes(LabeledResponse.Build(Server.Name, label, replies));
    }

    /// <summary>
    /// The acknowledgement of <paramref name="sent"/>, which history keeps: its echo once it is on
    /// disk. In a labeled command the whole labeled response waits for it (see
    /// <see cref="TakeStoredInCapture"/>).
    /// </summary>
    public void AcknowledgeWhenStored(ChatEvent sent)
    {
        if (_captured is not null && Environment.CurrentManagedThreadId == _captureThread)
        {
            (_storedInCapture ??= []).Add(sent);
            return;
        }

        if (Has(Capabilities.EchoMessage))
        {
            SendWhenStored(sent.Stored!, new StoredAcknowledgements.Echo(this, sent));
            return;
        }

        // Nothing to send: the place already held for earlier messages moves on to this one.
        if (_silentAcknowledgement?.TryMoveTo(sent.Stored!) != true)
        {
            var silent = _silentAcknowledgement = new StoredAcknowledgements.Silent(this);
            silent.Await(sent.Stored!);
            SendWhenStored(sent.Stored!, silent);
        }
    }

    private StoredAcknowledgements.Silent? _silentAcknowledgement;

    /// <summary>
    /// The rest of the command's answer, complete lines that <paramref name="lines"/> will give (a
    /// read from history): queued in its place now, sent when ready. In a labeled command the
    /// labeled response is built from it then (see <see cref="TakeLaterInCapture"/>).
    /// </summary>
    public void ReplyLater(Task<string> lines)
    {
        if (_captured is not null && Environment.CurrentManagedThreadId == _captureThread)
        {
            _laterInCapture = lines;
            return;
        }

        SendWhenReady(EncodeAsync(lines));
    }

    /// <summary>The answer the labeled command just handled will give later; null if none.</summary>
    public Task<string>? TakeLaterInCapture()
    {
        var later = _laterInCapture;
        _laterInCapture = null;
        return later;
    }

    /// <summary>The lines as UTF-8, once ready.</summary>
    public static async Task<ReadOnlyMemory<byte>> EncodeAsync(Task<string> lines) => Encoding.UTF8.GetBytes(await lines);

    /// <summary>The stored messages the labeled command just handled sent, whose acknowledgements its response waits for; null if none.</summary>
    public List<ChatEvent>? TakeStoredInCapture()
    {
        var stored = _storedInCapture;
        _storedInCapture = null;
        return stored;
    }

    /// <summary>
    /// Runs <paramref name="delivery"/> with the capture of <see cref="BeginCapture"/> off: what
    /// it sends this client is not a reply (a message to oneself, delivered as to anyone else;
    /// its echo is the reply that carries the label).
    /// </summary>
    public T Uncaptured<T>(Func<T> delivery)
    {
        var captured = _captured;
        _captured = null;
        try
        {
            return delivery();
        }
        finally
        {
            _captured = captured;
        }
    }

    protected override bool Divert(ReadOnlySpan<byte> lines)
    {
        // Only the command's own thread: broadcasts from other connections are not replies.
        if (_captured is null || Environment.CurrentManagedThreadId != _captureThread)
        {
            return false;
        }

        _captured.Add(lines.ToArray()); // a copy: a reply's buffer is reused once queued
        return true;
    }

    /// <summary>
    /// A channel this client is in was renamed. Without draft/channel-rename it sees the channel
    /// parted and joined again, with the topic and names list of a join (the specification's
    /// fallback), unless only the case changed.
    /// </summary>
    public override void OnChannelRenamed(Channel channel, RenameEvent rename, IReadOnlyList<ClientSession> members)
    {
        if (Has(Capabilities.ChannelRename) || NickRules.Comparer.Equals(rename.OldName, rename.NewName))
        {
            return;
        }

        SendLine(rename.Reason.Length == 0
            ? IrcLine.Build(Prefix, "PART", [rename.OldName])
            : IrcLine.Build(Prefix, "PART", [rename.OldName, rename.Reason], trailing: true));
        Deliver(new JoinEvent(this, Nick, channel) { Time = rename.Time });
        TopicReply.Send(this, channel, always: false);
        NamesReply.Send(this, channel, members);
    }

    /// <summary>Queues a complete line (with CR LF).</summary>
    public void SendLine(string line)
    {
        var bytes = new Utf8LineWriter();
        bytes.Append(line);
        SendCopy(bytes.Written);
    }

    /// <summary>Queues <c>[:source] COMMAND [first] params...</c> (see <see cref="IrcLine.Build"/>), encoded straight into the client's queue.</summary>
    public void Reply(string? source, string command, string? first, IReadOnlyList<string> parameters, bool trailing = false)
    {
        var line = new Utf8LineWriter();
        IrcLine.Write(ref line, source, command, first, parameters, trailing);
        SendCopy(line.Written);
    }

    /// <summary>Queues <c>:server CODE target params...</c>; the last parameter is trailing text.</summary>
    public void Numeric(string code, params string[] parameters) =>
        Reply(_server.Name, code, Target, parameters, trailing: true);

    /// <summary>Queues a numeric whose last parameter is not text (no forced colon): 004, 005 values, 333...</summary>
    public void NumericRaw(string code, params IReadOnlyList<string> parameters) =>
        Reply(_server.Name, code, Target, parameters);

    /// <summary>A NOTICE from the server to this client (an operator command's outcome, an override told).</summary>
    public void ServerNotice(string text) => Reply(_server.Name, "NOTICE", Nick, [text], trailing: true);

    /// <summary>A standard reply (ircv3.net/specs/extensions/standard-replies): <c>FAIL command code :description</c>.</summary>
    public void Fail(string command, string code, string description) =>
        Reply(_server.Name, "FAIL", command, [code, description], trailing: true);

    /// <summary>The client's own prefix: nick!user@host.</summary>
    public string Prefix => IrcLine.Prefix(Nick, UserName, IrcLine.Host(Host));

    public override void CheckLiveness(long nowTimestamp)
    {
        var options = _server.Options;
        if (!_registered)
        {
            if (Time.GetElapsedTime(ConnectedTimestamp, nowTimestamp) > TimeSpan.FromSeconds(options.RegistrationTimeoutSeconds))
            {
                Close(new DisconnectReason(DisconnectKind.IdleTimeout, "Registration timed out"));
            }

            return;
        }

        var pingSentAt = Interlocked.Read(ref _pingSentAt);
        if (pingSentAt != 0 && LastActivity > pingSentAt)
        {
            // The client spoke after our PING: it is alive.
            Interlocked.Exchange(ref _pingSentAt, 0);
            pingSentAt = 0;
        }

        if (pingSentAt == 0)
        {
            if (IdleFor(nowTimestamp) > TimeSpan.FromSeconds(options.PingIntervalSeconds))
            {
                Interlocked.Exchange(ref _pingSentAt, nowTimestamp);
                Reply(null, "PING", _server.Name, []);
            }
        }
        else if (Time.GetElapsedTime(pingSentAt, nowTimestamp) > TimeSpan.FromSeconds(options.PingTimeoutSeconds))
        {
            Close(DisconnectReason.IdleTimeout(TimeSpan.FromSeconds(options.PingIntervalSeconds + options.PingTimeoutSeconds)));
        }
    }
}
