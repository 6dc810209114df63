using Charla.Core.Channels;
using Charla.Core.Metadata;
using Charla.Core.Output;
using Charla.Core.Routing;
using Charla.Storage;

namespace Charla.Core.Sessions;

/// <summary>
/// A connected client as the core sees it, whatever protocol it speaks. A protocol adapter
/// derives from it, supplies the wire form its client reads, and wakes its own connection loops
/// when the session is closed from elsewhere (routing, liveness, shutdown).
/// </summary>
public abstract class ClientSession : IOutputOwner
{
    private Channel[] _channels = [];
    private DisconnectReason? _closeReason;
    private long _lastActivity;
    private int _attached; // 1 from ChatEngine.Attach until Detach
    private volatile string _nick = "*";
    private WireFormat _wireFormat;
    private string _host;
    private string? _awayMessage;
    private MetadataValues? _metadata;

    protected ClientSession(WireFormat wireFormat, string host, EngineOptions options, TimeProvider time)
    {
        _wireFormat = wireFormat;
        _host = host;
        RealHost = host;
        Address = System.Net.IPAddress.TryParse(host, out var address) ? address : null;
        Time = time;
        Output = new OutputQueue(options.SendQueueBytes, this);
        _lastActivity = time.GetTimestamp();
        ConnectedTimestamp = _lastActivity;
        ConnectedAt = time.GetUtcNow();
    }

    /// <summary>Unique for the life of the engine; 0 until the engine admits the session.</summary>
    public long Id { get; internal set; }

    /// <summary>Where the engine's <see cref="SessionTable"/> keeps this session; -1 when it is not in.</summary>
    internal int TableSlot { get; set; } = -1;

    /// <summary>The current nickname. Only the engine changes it, through the nick registry.</summary>
    public string Nick
    {
        get => _nick;
        internal set => _nick = value;
    }

    /// <summary>Where the client connects from (an address), or the host an operator set for it.</summary>
    public string Host
    {
        get => Volatile.Read(ref _host);
        internal set => Volatile.Write(ref _host, value);
    }

    /// <summary>The address the client connected from, as text, whatever host it is shown with later (CHGHOST): what server bans match.</summary>
    public string RealHost { get; }

    /// <summary>The address the client connected from, if it is one (null for a test's made-up host).</summary>
    public System.Net.IPAddress? Address { get; }

    /// <summary>The protocol's name, for the log: <c>IRC</c>, <c>plain</c>.</summary>
    public abstract string Protocol { get; }

    /// <summary>user@address, as the log names a user: its real address, not its cloak.</summary>
    public string UserHost => $"{UserName}@{RealHost}";

    /// <summary>Whether the user is a server operator (IRC OPER, user mode +o).</summary>
    public bool IsServerOperator { get; internal set; }

    /// <summary>What the user may do as a server operator (none unless <see cref="IsServerOperator"/>).</summary>
    public OperatorPrivileges OperatorPrivileges { get; internal set; }

    /// <summary>The operator block the user logged in with (OPER's name), for the log; null unless an operator.</summary>
    public string? OperatorName { get; internal set; }

    /// <summary>Told after the session was kicked out of <paramref name="channel"/> (a protocol whose users cannot be outside it closes them).</summary>
    public virtual void OnKicked(Channel channel, string by, string reason)
    {
    }

    /// <summary>Whether the user is a server operator with every one of <paramref name="privileges"/>.</summary>
    public bool Has(OperatorPrivileges privileges) => IsServerOperator && (OperatorPrivileges & privileges) == privileges;

    private (Task Work, Action Then)? _continuation;

    /// <summary>
    /// For a command that must wait for slow work (a password hash) without holding up the thread
    /// that reads every client: the connection handles none of this client's later lines until
    /// <paramref name="work"/> is done, then runs <paramref name="then"/> on its own turn (so it
    /// never runs beside this client's other commands, or its departure), unless the client left
    /// meanwhile. One at a time: the command that sets it is the last line handled before it.
    /// </summary>
    public void ContinueAfter(Task work, Action then)
    {
        if (_continuation is not null)
        {
            throw new InvalidOperationException("a command is already waiting");
        }

        _continuation = (work, then);
    }

    /// <summary>The work a command left to wait for (see <see cref="ContinueAfter"/>), taken once.</summary>
    public (Task Work, Action Then)? TakeContinuation()
    {
        var continuation = _continuation;
        _continuation = null;
        return continuation;
    }

    /// <summary>Whether a command left work to wait for before the next line.</summary>
    public bool IsWaiting => _continuation is not null;

    /// <summary>True from the engine's Attach (the session has its nick) until it is detached.</summary>
    public bool IsAttached => Volatile.Read(ref _attached) == 1;

    /// <summary>Whether the user wants operators' broadcasts (IRC user mode +w, WALLOPS).</summary>
    public bool WantsWallops { get; set; }

    /// <summary>The user name (IRC's "ident" field); protocols set it before the session is admitted.</summary>
    public string UserName { get; protected internal set; } = "user";

    /// <summary>The real name (IRC's "gecos"), free text.</summary>
    public string RealName { get; protected internal set; } = string.Empty;

    /// <summary>
    /// Whether the user hides from those who share no channel with it (IRC user mode +i): WHO
    /// masks and server-wide listings skip it; asking for it by its exact nick still finds it.
    /// </summary>
    public bool IsInvisible { get; internal set; }

    /// <summary>The nicks this session watches (IRC MONITOR), or null: kept by the engine's monitor registry, under its lock.</summary>
    internal HashSet<string>? Monitored { get; set; }

    /// <summary>The user's metadata (IRCv3 metadata), made when first set: most users have none.</summary>
    public MetadataValues Metadata => Volatile.Read(ref _metadata) ?? Interlocked.CompareExchange(ref _metadata, new MetadataValues(), null) ?? _metadata!;

    /// <summary>Whether the user has any metadata, without making the store.</summary>
    public bool HasMetadata => Volatile.Read(ref _metadata) is { Count: > 0 };

    /// <summary>Whether the user says it is a bot (IRC user mode +B).</summary>
    public bool IsBot { get; set; }

    /// <summary>The away message, or null when the user is here (IRC AWAY).</summary>
    public string? AwayMessage
    {
        get => Volatile.Read(ref _awayMessage);
        set => Volatile.Write(ref _awayMessage, value);
    }

    /// <summary>When the session was created (connected), from <see cref="TimeProvider.GetUtcNow"/>.</summary>
    public DateTimeOffset ConnectedAt { get; }

    /// <summary>The same moment as a <see cref="TimeProvider"/> timestamp, for elapsed-time checks.</summary>
    public long ConnectedTimestamp { get; }

    /// <summary>
    /// How the core's events are written for this client; routing serializes once per form. A
    /// protocol may switch it when the client's wants change (IRC capabilities).
    /// </summary>
    public WireFormat WireFormat
    {
        get => Volatile.Read(ref _wireFormat);
        protected set => Volatile.Write(ref _wireFormat, value);
    }

    /// <summary>Bytes waiting for this client's writer loop.</summary>
    public OutputQueue Output { get; }

    protected TimeProvider Time { get; }

    /// <summary>True once <see cref="Close"/> has been called; the connection is winding down.</summary>
    public bool IsClosing => Volatile.Read(ref _closeReason) is not null;

    /// <summary>Why the session is closing, or null while it is open.</summary>
    public DisconnectReason? CloseReason => Volatile.Read(ref _closeReason);

    /// <summary>The channels this session is in (a snapshot: safe to enumerate without a lock).</summary>
    public IReadOnlyList<Channel> Channels => Volatile.Read(ref _channels);

    /// <summary>Timestamp (of <see cref="TimeProvider"/>) of the last bytes received from the client.</summary>
    public long LastActivity => Interlocked.Read(ref _lastActivity);

    /// <summary>Whether this session and <paramref name="other"/> are in a channel together.</summary>
    public bool SharesChannelWith(ClientSession other)
    {
        foreach (var channel in Channels)
        {
            if (channel.IsMember(other))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="asker"/> may find this user in a listing (WHO masks, LIST of
    /// members): always itself and those who share a channel with it, anyone unless it is +i.
    /// </summary>
    public bool IsVisibleTo(ClientSession asker) => !IsInvisible || ReferenceEquals(asker, this) || SharesChannelWith(asker);

    /// <summary>Queues complete lines for this client; over the SendQ bound the client is dropped.</summary>
    public void Send(ReadOnlyMemory<byte> lines)
    {
        if (!Divert(lines.Span))
        {
            Enqueued(Output.TryEnqueue(lines));
        }
    }

    /// <summary>
    /// Queues a copy of complete lines meant for this client alone (a reply); the caller's
    /// buffer is free on return. Over the SendQ bound the client is dropped.
    /// </summary>
    public void SendCopy(ReadOnlySpan<byte> lines)
    {
        if (!Divert(lines))
        {
            Enqueued(Output.TryEnqueueCopy(lines));
        }
    }

    /// <summary>
    /// Queues <paramref name="reply"/>, which is known once <paramref name="ticket"/> completes (a
    /// message's acknowledgement, once the message is on disk); what is queued for this client
    /// after it waits behind it.
    /// </summary>
    public void SendWhenStored<TReply>(StoreTicket ticket, TReply reply)
        where TReply : DeferredReply, IStoreObserver
    {
        if (Output.TryEnqueueDeferred(reply))
        {
            ticket.Subscribe(reply);
        }
    }

    /// <summary>
    /// Queues the lines <paramref name="reply"/> will produce (an answer read from the store);
    /// what is queued for this client after it waits behind it.
    /// </summary>
    public void SendWhenReady(Task<ReadOnlyMemory<byte>> reply)
    {
        var deferred = new TaskReply();
        if (Output.TryEnqueueDeferred(deferred))
        {
            deferred.CompleteWith(reply);
        }
    }

    /// <summary>Queues <paramref name="chatEvent"/> in this client's own wire form, if that form shows it at all.</summary>
    public void Deliver(ChatEvent chatEvent)
    {
        var bytes = WireFormat.Encode(chatEvent);
        if (!bytes.IsEmpty)
        {
            Send(bytes);
        }
    }

    /// <summary>
    /// Asks the session to end. Idempotent, non-blocking and callable from any thread (a
    /// broadcast holding a channel lock calls it): the first reason wins, and the connection's
    /// own loop does the cleanup.
    /// </summary>
    public void Close(DisconnectReason reason)
    {
        if (Interlocked.CompareExchange(ref _closeReason, reason, null) is null)
        {
            OnClosing(reason);
        }
    }

    /// <summary>Records that bytes arrived from the client (liveness).</summary>
    public void MarkActivity() => Interlocked.Exchange(ref _lastActivity, Time.GetTimestamp());

    /// <summary>Time since the client last sent anything.</summary>
    public TimeSpan IdleFor(long nowTimestamp) => Time.GetElapsedTime(LastActivity, nowTimestamp);

    /// <summary>
    /// Called about once a second by the liveness monitor. A protocol applies its own policy:
    /// an idle timeout, or a PING and then a timeout. It MUST NOT block.
    /// </summary>
    public virtual void CheckLiveness(long nowTimestamp)
    {
    }

    /// <summary>
    /// Whether this client wants to hear of changes to the metadata key <paramref name="key"/> of
    /// the users and channels around it (IRCv3 metadata subscriptions). None by default.
    /// </summary>
    public virtual bool WantsMetadata(string key) => false;

    /// <summary>
    /// Called, under the channel's lock, for each member of a channel just renamed (after the
    /// <see cref="RenameEvent"/> was delivered), for a protocol whose client cannot be told in one
    /// line (IRC without draft/channel-rename sees the channel parted and joined again).
    /// <paramref name="members"/> is the channel's membership now. It MUST only enqueue.
    /// </summary>
    public virtual void OnChannelRenamed(Channel channel, RenameEvent rename, IReadOnlyList<ClientSession> members)
    {
    }

    /// <summary>
    /// Lets a protocol take lines meant for this client before they are queued (IRC collects a
    /// labeled command's replies to label them). True when it took them. MUST NOT block.
    /// </summary>
    protected virtual bool Divert(ReadOnlySpan<byte> lines) => false;

    private void Enqueued(bool queued)
    {
        if (!queued && !IsClosing)
        {
            Close(DisconnectReason.SendQueueExceeded);
        }
    }

    /// <summary>Wakes the connection's loops so they notice <see cref="CloseReason"/>. MUST NOT block.</summary>
    protected abstract void OnClosing(DisconnectReason reason);

    internal void MarkAttached() => Volatile.Write(ref _attached, 1);

    /// <summary>True for the one caller that detaches the session (detaching is idempotent).</summary>
    internal bool TryMarkDetached() => Interlocked.CompareExchange(ref _attached, 0, 1) == 1;

    void IOutputOwner.OnWriterGone() => Close(DisconnectReason.ConnectionLost("Write error"));

    // Copy-on-write without a lock object (one less per connection): a compare-and-swap retried if another thread won.
    internal void AddChannel(Channel channel) =>
        UpdateChannels(static (channels, added) => [.. channels, added], channel);

    internal void RemoveChannel(Channel channel) =>
        UpdateChannels(static (channels, removed) => Array.FindAll(channels, c => c != removed), channel);

    private void UpdateChannels(Func<Channel[], Channel, Channel[]> change, Channel channel)
    {
        var current = Volatile.Read(ref _channels);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref _channels, change(current, channel), current);
            if (ReferenceEquals(seen, current))
            {
                return;
            }

            current = seen;
        }
    }
}
