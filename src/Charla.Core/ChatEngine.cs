using System.Collections.Concurrent;
using Charla.Core.Channels;
using Charla.Core.History;
using Charla.Core.Logging;
using Charla.Core.Monitoring;
using Charla.Core.Nicknames;
using Charla.Core.Output;
using Charla.Core.Routing;
using Charla.Core.Security;
using Charla.Core.Statistics;
using Charla.Core.Sessions;
using Charla.Storage.History;

namespace Charla.Core;

/// <summary>
/// The engine: the one boundary behind which the core's state and routing live (who is
/// connected, who holds which nickname, who is in which channel, and who receives what).
/// Protocol adapters call it; it calls back only through <see cref="ClientSession"/>.
/// This in-memory engine is the default and the fast path; a distributed one can take its
/// place later without touching the protocols.
/// </summary>
/// <remarks>
/// Thread-safety: every method may be called from any connection's task at once. A session's
/// own changes (nick, joins, leaving) are made by that session's connection loop.
/// </remarks>
public sealed partial class ChatEngine
{
    /// <summary>The lobby's name unless configured otherwise (<c>Plain:Lobby</c>).</summary>
    public const string DefaultLobbyName = "#lobby";

    private readonly SessionTable _connections = new();
    private readonly ConcurrentDictionary<string, Channel> _channels = new(NickRules.Comparer);
    private readonly NickRegistry _nicks = new();
    private readonly MonitorRegistry _monitors = new();
    private long _lastSessionId;
    private int _connectionCount;
    private int _sessionCount;
    private int _operatorCount;
    private int _invisibleCount;
    private int _peakSessionCount;
    private volatile bool _shuttingDown;
    private readonly IHistoryStore? _history;

    /// <param name="lobbyName">The room every plain-mode user is in (a valid channel name; the protocol checked it).</param>
    /// <param name="history">Where channel messages are kept; null keeps none (acknowledgements then go out at once).</param>
    public ChatEngine(EngineOptions options, TimeProvider time, string lobbyName = DefaultLobbyName, IHistoryStore? history = null)
    {
        _history = history;
        history?.SetCompletionScope(static () => OutputBatch.Open());
        Options = options;
        Time = time;
        LobbyName = lobbyName;
        StartedAt = time.GetUtcNow();
    }

    public DateTimeOffset StartedAt { get; }

    private volatile HashSet<string> _lobbyModerators = new(NickRules.Comparer);

    /// <summary>
    /// The nicks that moderate the lobby (as its operators: KICK, MODE, plain mode's /kick, /mute,
    /// /ban), besides every server operator. By nick until accounts exist.
    /// </summary>
    public IReadOnlyCollection<string> LobbyModerators
    {
        get => _lobbyModerators;
        init => _lobbyModerators = new HashSet<string>(value, NickRules.Comparer);
    }

    /// <summary>Replaces the lobby's moderators (a configuration reload).</summary>
    public void SetLobbyModerators(IEnumerable<string> nicks) => _lobbyModerators = new HashSet<string>(nicks, NickRules.Comparer);

    /// <summary>Whether <paramref name="session"/> moderates the lobby: a server operator, or a configured moderator's nick.</summary>
    public bool IsLobbyModerator(ClientSession session) => session.IsServerOperator || _lobbyModerators.Contains(session.Nick);

    /// <summary>
    /// The hash of the password every client must give before it is admitted (IRC PASS, plain
    /// mode's /pass), or null: anyone may connect.
    /// </summary>
    public string? PasswordHash { get; init; }

    /// <summary>Messages, deliveries and departures since the start, for the metrics.</summary>
    public ChatCounters Counters { get; } = new();

    /// <summary>What others see instead of a user's address; addresses as they are unless given.</summary>
    public HostCloak Cloak { get; init; } = HostCloak.None;

    /// <summary>Where what happens is logged for the server's operator (connections, operators' actions).</summary>
    public ServerEvents Events { get; init; } = ServerEvents.None;

    /// <summary>Where channel history is read, or null when none is kept.</summary>
    public IHistoryReader? History => _history;

    /// <summary>Nicknames given up recently (IRC WHOWAS): the last 1,000, as a bounded memory.</summary>
    public WhowasHistory Whowas { get; } = new(1000);

    /// <summary>The channels that exist now: those with members (the lobby too, while someone is in it).</summary>
    public IEnumerable<Channel> Channels => _channels.Values;

    public int ChannelCount => _channels.Count;

    public EngineOptions Options { get; }

    public TimeProvider Time { get; }

    /// <summary>
    /// The room every plain-mode user is in, which IRC users may join too. It exists while someone
    /// is in it, like any channel, but gives nobody operator status and comes back each time with
    /// its own settings (<see cref="ChannelModes.Lobby"/>).
    /// </summary>
    public string LobbyName { get; }

    /// <summary>
    /// Every open connection's session, admitted or still registering: what liveness checks and
    /// shutdown closes. Enumerating it is safe while it changes.
    /// </summary>
    public IEnumerable<ClientSession> Connections => _connections.Values;

    /// <summary>The sessions admitted and not yet detached. Enumerating it is safe while it changes.</summary>
    /// <remarks>The connections that are attached: one table for both (a slot less per connection).</remarks>
    public IEnumerable<ClientSession> Sessions => _connections.Values.Where(s => s.IsAttached);

    // Counted as they change, so that LUSERS at every registration costs nothing per user.
    public int SessionCount => Volatile.Read(ref _sessionCount);

    /// <summary>Open connections, admitted or still registering.</summary>
    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    /// <summary>Admitted sessions that are server operators.</summary>
    public int OperatorCount => Volatile.Read(ref _operatorCount);

    /// <summary>Admitted sessions that are invisible (user mode +i).</summary>
    public int InvisibleCount => Volatile.Read(ref _invisibleCount);

    /// <summary>The most sessions there have been at once since the engine started.</summary>
    public int PeakSessionCount => Volatile.Read(ref _peakSessionCount);

    public bool IsShuttingDown => _shuttingDown;

    /// <summary>
    /// Records a new connection's session (before it is admitted, while it registers), so that
    /// liveness checks and shutdown reach it. False when the server is going down.
    /// </summary>
    public bool Open(ClientSession session)
    {
        if (_shuttingDown)
        {
            return false;
        }

        session.Id = Interlocked.Increment(ref _lastSessionId);
        session.Host = Cloak.Apply(session.RealHost); // before anyone can see it
        _connections.Add(session);
        Interlocked.Increment(ref _connectionCount);

        // Shutdown may have begun between the check and the insert, and missed this session.
        if (_shuttingDown)
        {
            if (_connections.Remove(session))
            {
                Interlocked.Decrement(ref _connectionCount);
            }

            return false;
        }

        return true;
    }

    /// <summary>
    /// Admits a new session under a fresh guest nickname. False when the server is going down:
    /// the caller then tells its client and closes.
    /// </summary>
    public bool Attach(ClientSession session) => Attach(session, nick: null) == AttachResult.Attached;

    /// <summary>
    /// Admits a new session under <paramref name="nick"/> (already validated by the caller), or
    /// under a fresh guest name when it is null.
    /// </summary>
    public AttachResult Attach(ClientSession session, string? nick)
    {
        if (_shuttingDown)
        {
            return AttachResult.ShuttingDown;
        }

        if (session.Id == 0 && !Open(session))
        {
            return AttachResult.ShuttingDown;
        }

        if (BanOf(session) is { } ban)
        {
            Events.BanApplied(ban.Mask, nick ?? "(guest)", session.UserHost);
            session.Close(DisconnectReason.Banned(ban.Reason));
            return AttachResult.Banned;
        }

        if (nick is null)
        {
            _nicks.ClaimGuest(session);
        }
        else if (!_nicks.TryClaim(session, nick))
        {
            return AttachResult.NickInUse;
        }

        session.MarkAttached();
        Interlocked.Increment(ref _sessionCount);
        UpdatePeak();

        // Shutdown may have begun between the check and the insert, and missed this session.
        if (_shuttingDown)
        {
            Detach(session, DisconnectReason.ServerShutdown);
            return AttachResult.ShuttingDown;
        }

        TellWatchers(new PresenceEvent(session, session.Nick, session.Nick, Online: true) { Time = Time.GetUtcNow() });
        Events.Registered(session.Protocol, session.Nick, session.UserHost);
        return AttachResult.Attached;
    }

    /// <summary>True when <paramref name="nick"/> is free now (a later claim may still lose a race).</summary>
    public bool IsNickFree(string nick) => !_nicks.TryFind(nick, out _);

    /// <summary>Puts <paramref name="session"/> in <paramref name="channel"/> and tells the members.</summary>
    /// <param name="greet">Queues what the joiner is told (see <see cref="JoinGreeting"/>).</param>
    public JoinResult Join(ClientSession session, Channel channel, JoinGreeting? greet = null) =>
        JoinCore(session, channel, greet, key: null) ?? JoinResult.AlreadyMember;

    /// <summary>
    /// Joins the channel named <paramref name="name"/> (a valid name: the protocol checked it),
    /// creating it if it does not exist; see the other overload for <paramref name="greet"/>.
    /// </summary>
    public JoinResult Join(ClientSession session, string name, JoinGreeting? greet = null, string? key = null)
    {
        // Checked before the channel is made, so a refused join leaves no empty channel behind.
        if (session.Channels.Count >= Options.MaxChannelsPerUser)
        {
            return FindChannel(name)?.IsMember(session) == true ? JoinResult.AlreadyMember : JoinResult.TooManyChannels;
        }

        while (true)
        {
            var channel = _channels.GetOrAdd(
                name,
                static (n, engine) => new Channel(n, engine.IsLobby(n), engine.Time.GetUtcNow())
                {
                    History = engine._history,
                    Moderator = engine.IsLobby(n) ? engine.IsLobbyModerator : null,
                },
                this);
            if (JoinCore(session, channel, greet, key) is { } result)
            {
                return result;
            }

            // The channel emptied and closed between the lookup and the join: make a new one.
            Forget(channel);
        }
    }

    private JoinResult? JoinCore(ClientSession session, Channel channel, JoinGreeting? greet, string? key)
    {
        if (!channel.IsMember(session) && session.Channels.Count >= Options.MaxChannelsPerUser)
        {
            return JoinResult.TooManyChannels;
        }

        var result = channel.Add(session, new JoinEvent(session, session.Nick, channel) { Time = Time.GetUtcNow() }, greet, new JoinAttempt(key, UserMask(session)));
        if (result == JoinResult.Joined)
        {
            session.AddChannel(channel);
        }

        return result;
    }

    /// <summary>Whether <paramref name="name"/> names the lobby (case-insensitive).</summary>
    public bool IsLobby(string name) => NickRules.Comparer.Equals(name, LobbyName);

    /// <summary>The channel named <paramref name="name"/> (case-insensitive), or null.</summary>
    public Channel? FindChannel(string name) => _channels.GetValueOrDefault(name);

    /// <summary>Takes <paramref name="session"/> out of <paramref name="channel"/>; everyone in it, the leaver too, is told. False if not a member.</summary>
    public bool Part(ClientSession session, Channel channel, string reason)
    {
        if (!channel.Remove(session, new PartEvent(session, session.Nick, channel, reason) { Time = Time.GetUtcNow() }, alreadyTold: null, tellLeaver: true, out var nowEmpty))
        {
            return false;
        }

        session.RemoveChannel(channel);
        if (nowEmpty)
        {
            Forget(channel);
        }

        return true;
    }

    /// <summary>Sets <paramref name="channel"/>'s topic (empty text clears it) and tells its members.</summary>
    public void SetTopic(ClientSession session, Channel channel, string text) =>
        channel.SetTopic(new ChannelTopic(text, session.Nick, Time.GetUtcNow()), new TopicEvent(session, session.Nick, channel, text) { Time = Time.GetUtcNow() });

    /// <summary>
    /// Applies mode changes to <paramref name="channel"/> on behalf of <paramref name="actor"/>
    /// (who the protocol checked may make them) and tells the members what changed.
    /// </summary>
    public IReadOnlyList<ModeOutcome> ChangeModes(ClientSession actor, Channel channel, IReadOnlyList<ModeChange> changes) =>
        channel.ChangeModes(actor, changes, FindByNick, Options.MaxListEntries, Time.GetUtcNow());

    /// <summary>
    /// Renames <paramref name="channel"/> to <paramref name="newName"/> (a valid name: the protocol
    /// checked it, and that <paramref name="actor"/> may), keeping its members, modes and topic;
    /// every member is told. A change of case only is a rename too.
    /// </summary>
    public RenameResult Rename(ClientSession actor, Channel channel, string newName, string reason)
    {
        var oldName = channel.Name;
        if (channel.IsLobby || IsLobby(newName))
        {
            return RenameResult.IsLobby;
        }

        var caseOnly = NickRules.Comparer.Equals(oldName, newName);
        if (!caseOnly && !_channels.TryAdd(newName, channel))
        {
            return RenameResult.NameInUse;
        }

        channel.Rename(new RenameEvent(actor, actor.Nick, channel, oldName, newName, reason) { Time = Time.GetUtcNow() });
        if (!caseOnly)
        {
            _channels.TryRemove(new KeyValuePair<string, Channel>(oldName, channel));
        }

        return RenameResult.Renamed;
    }

    /// <summary>Puts <paramref name="target"/> out of <paramref name="channel"/>; everyone in it is told. False if not a member.</summary>
    public bool Kick(ClientSession actor, Channel channel, ClientSession target, string reason)
    {
        if (!channel.Kick(target, new KickEvent(actor, actor.Nick, channel, target.Nick, reason) { Time = Time.GetUtcNow() }, out var nowEmpty))
        {
            return false;
        }

        target.RemoveChannel(channel);
        if (nowEmpty)
        {
            Forget(channel);
        }

        target.OnKicked(channel, actor.Nick, reason);
        return true;
    }

    /// <summary>Invites <paramref name="target"/> into <paramref name="channel"/> (past +i, once) and tells it.</summary>
    public void Invite(ClientSession actor, Channel channel, ClientSession target)
    {
        channel.Invite(target);
        var invitation = new InviteEvent(actor, actor.Nick, channel, target.Nick) { Time = Time.GetUtcNow() };
        target.Deliver(invitation);

        // The members hear of it too, where their protocol shows it (IRCv3 invite-notify).
        channel.Broadcast(invitation with { Audience = InviteAudience.ChannelMembers }, except: actor);
    }

    /// <summary>nick!user@host of <paramref name="session"/>, as bans and exceptions match it.</summary>
    public static string UserMask(ClientSession session) => $"{session.Nick}!{session.UserName}@{session.Host}";

    /// <summary>Renames <paramref name="session"/> if the name is valid and free, and tells its peers.</summary>
    public NickChangeResult ChangeNick(ClientSession session, string nick)
    {
        if (!NickRules.IsValid(nick, Options.NickLength))
        {
            return NickChangeResult.Invalid;
        }

        var old = session.Nick;
        var result = _nicks.TryChange(session, nick);
        if (result == NickChangeResult.Changed)
        {
            Whowas.Record(session, old, Time.GetUtcNow());
            Events.NickChanged(old, nick, session.UserHost);
            TellPeers(session, new NickChangeEvent(session, old, nick) { Time = Time.GetUtcNow() }, alsoWatchers: false);
            if (!NickRules.Comparer.Equals(old, nick))
            {
                // To those watching either name, the old one went away and the new one came (a change of case is neither).
                TellWatchers(new PresenceEvent(session, old, old, Online: false) { Time = Time.GetUtcNow() });
                TellWatchers(new PresenceEvent(session, nick, nick, Online: true) { Time = Time.GetUtcNow() });
            }
        }

        return result;
    }

    /// <summary>Finds the session holding <paramref name="nick"/> (case-insensitive).</summary>
    public ClientSession? FindByNick(string nick) => _nicks.TryFind(nick, out var session) ? session : null;

    /// <summary>Relays a message to every member of <paramref name="channel"/> but its sender.</summary>
    public MessageEvent SendMessage(ClientSession sender, Channel channel, string text, MessageKind kind) =>
        SendMessage(sender, channel, text, kind, MemberStatus.None, clientTags: string.Empty);

    /// <summary>
    /// Relays a message to the members of <paramref name="channel"/> with at least
    /// <paramref name="onlyTo"/> status, but its sender, and returns it (for echo-message).
    /// </summary>
    public MessageEvent SendMessage(ClientSession sender, Channel channel, string text, MessageKind kind, MemberStatus onlyTo, string clientTags)
    {
        var time = Time.GetUtcNow();
        if (_history is not null && onlyTo == MemberStatus.None && kind != MessageKind.TagsOnly)
        {
            // Kept, and acknowledged once on disk. (A message to a channel's operators only is
            // not kept: history is read by every member.)
            var messageId = MessageIds.Next();
            var record = HistoryRecords.Message(sender, channel, text, kind, clientTags, messageId, time);
            var stored = new MessageEvent(sender, sender.Nick, channel, text, kind, onlyTo, clientTags) { Time = time, MessageId = messageId, Stored = record };
            Counters.Message(channel.Broadcast(stored, except: sender, _history, record));
            return stored;
        }

        var message = new MessageEvent(sender, sender.Nick, channel, text, kind, onlyTo, clientTags) { Time = time };
        Counters.Message(onlyTo == MemberStatus.None ? channel.Broadcast(message, except: sender) : channel.Broadcast(message, except: sender, onlyTo));
        return message;
    }

    /// <summary>
    /// Relays a message of several lines (IRCv3 multiline) to the members of
    /// <paramref name="channel"/> with at least <paramref name="onlyTo"/> status but its sender,
    /// in one piece, and returns it (for echo-message).
    /// </summary>
    public MultilineMessageEvent SendMultiline(ClientSession sender, Channel channel, IReadOnlyList<MessageLine> lines, MemberStatus onlyTo, string clientTags)
    {
        var time = Time.GetUtcNow();
        if (_history is not null && onlyTo == MemberStatus.None)
        {
            // Kept as one message, as a single line is (see SendMessage).
            var messageId = MessageIds.Next();
            var record = HistoryRecords.Multiline(sender, channel, lines, clientTags, messageId, time);
            var stored = new MultilineMessageEvent(sender, sender.Nick, channel, null, channel.Name, lines, onlyTo, clientTags)
            {
                Time = time, MessageId = messageId, Stored = record,
            };
            Counters.Message(channel.Broadcast(stored, except: sender, _history, record));
            return stored;
        }

        var message = new MultilineMessageEvent(sender, sender.Nick, channel, null, channel.Name, lines, onlyTo, clientTags) { Time = time };
        Counters.Message(onlyTo == MemberStatus.None ? channel.Broadcast(message, except: sender) : channel.Broadcast(message, except: sender, onlyTo));
        return message;
    }

    /// <summary>Sends a message of several lines to <paramref name="target"/> only, and returns it (for echo-message).</summary>
    public MultilineMessageEvent SendMultiline(ClientSession sender, ClientSession target, IReadOnlyList<MessageLine> lines, string clientTags)
    {
        var message = new MultilineMessageEvent(sender, sender.Nick, null, target, target.Nick, lines, MemberStatus.None, clientTags) { Time = Time.GetUtcNow() };
        target.Deliver(message);
        Counters.Message(deliveries: 1);
        return message;
    }

    /// <summary>Sends a private message to <paramref name="target"/> only, and returns it (for echo-message).</summary>
    public PrivateMessageEvent SendPrivate(ClientSession sender, ClientSession target, string text, MessageKind kind, string clientTags = "")
    {
        var message = new PrivateMessageEvent(sender, sender.Nick, target, target.Nick, text, kind, clientTags) { Time = Time.GetUtcNow() };
        target.Deliver(message);
        Counters.Message(deliveries: 1);
        return message;
    }

    /// <summary>Marks <paramref name="session"/> away (with a message) or back (null), and tells its peers.</summary>
    public void SetAway(ClientSession session, string? message)
    {
        session.AwayMessage = message;
        TellPeers(session, new AwayEvent(session, session.Nick, message) { Time = Time.GetUtcNow() });
    }

    /// <summary>Changes <paramref name="session"/>'s user name and host, and tells it and its peers.</summary>
    public void ChangeHost(ClientSession session, string userName, string host)
    {
        var change = new HostChangeEvent(session, session.Nick, session.UserName, session.Host, userName, host) { Time = Time.GetUtcNow() };
        session.UserName = userName;
        session.Host = host;
        TellPeers(session, change);
        session.Deliver(change);
    }

    /// <summary>Sends <paramref name="text"/> to every session that wants operator broadcasts (IRC user mode +w).</summary>
    public void Wallops(ClientSession sender, string text)
    {
        var wallops = new WallopsEvent(sender, sender.Nick, text) { Time = Time.GetUtcNow() };
        Fanout.Deliver(Sessions.Where(s => s.WantsWallops).ToArray(), wallops, except: null);
    }

    /// <summary>Changes <paramref name="session"/>'s real name and tells its peers (and itself: the protocol decides who shows it).</summary>
    public RealNameEvent SetRealName(ClientSession session, string realName)
    {
        session.RealName = realName;
        var change = new RealNameEvent(session, session.Nick, realName) { Time = Time.GetUtcNow() };
        TellPeers(session, change);
        return change;
    }

    /// <summary>
    /// Removes a session that has ended: out of its channels, its nickname freed, its peers
    /// told why (unless the whole server is going down). Idempotent.
    /// </summary>
    public void Detach(ClientSession session, DisconnectReason reason)
    {
        if (_connections.Remove(session))
        {
            Interlocked.Decrement(ref _connectionCount);
        }

        if (!session.TryMarkDetached())
        {
            return;
        }

        Interlocked.Decrement(ref _sessionCount);
        Counters.Ended(reason.Kind);
        if (session.IsServerOperator)
        {
            Interlocked.Decrement(ref _operatorCount);
        }

        if (session.IsInvisible)
        {
            Interlocked.Decrement(ref _invisibleCount);
        }

        Whowas.Record(session, session.Nick, Time.GetUtcNow());
        Events.Quit(session.Nick, session.UserHost, reason.Message);
        var announcement = _shuttingDown ? null : new QuitEvent(session, session.Nick, reason) { Time = Time.GetUtcNow() };
        var channels = session.Channels;
        var alreadyTold = channels.Count > 1 ? new HashSet<ClientSession>(ReferenceEqualityComparer.Instance) : null;
        foreach (var channel in channels)
        {
            channel.Remove(session, announcement, alreadyTold, tellLeaver: false, out var nowEmpty);
            session.RemoveChannel(channel);
            if (nowEmpty)
            {
                Forget(channel);
            }
        }

        _monitors.Clear(session);
        if (!_shuttingDown)
        {
            TellWatchers(new PresenceEvent(session, session.Nick, session.Nick, Online: false) { Time = Time.GetUtcNow() });
        }

        _nicks.Release(session);
    }

    /// <summary>Closes every session with "Server shutting down"; no new session is admitted.</summary>
    public void BeginShutdown()
    {
        _shuttingDown = true;
        foreach (var session in _connections.Values)
        {
            session.Close(DisconnectReason.ServerShutdown);
        }
    }

    /// <summary>Takes a closed channel out of the directory (only that instance: a new one of the same name stays).</summary>
    private void Forget(Channel channel) => _channels.TryRemove(new KeyValuePair<string, Channel>(channel.Name, channel));

    /// <summary>
    /// Makes <paramref name="session"/> a server operator with <paramref name="privileges"/>, as
    /// the operator block <paramref name="operatorName"/> (IRC OPER), keeping the count; logged.
    /// Called on the session's own connection, as <see cref="Detach"/> is: never both at once.
    /// </summary>
    public void SetServerOperator(ClientSession session, string operatorName, string operatorClass, OperatorPrivileges privileges)
    {
        if (!session.IsServerOperator)
        {
            Interlocked.Increment(ref _operatorCount);
        }

        (session.IsServerOperator, session.OperatorName, session.OperatorPrivileges) = (true, operatorName, privileges);
        Events.OperatorLoggedIn(session.Nick, session.UserHost, operatorName, operatorClass, OperatorPrivilegeNames.Describe(privileges));
    }

    /// <summary>Ends <paramref name="session"/>'s operator status (IRC MODE -o), if it had one; logged. On its own connection, as above.</summary>
    public void EndServerOperator(ClientSession session)
    {
        if (!session.IsServerOperator)
        {
            return;
        }

        Events.OperatorLoggedOut(session.Nick, session.OperatorName ?? "?");
        (session.IsServerOperator, session.OperatorName, session.OperatorPrivileges) = (false, null, OperatorPrivileges.None);
        Interlocked.Decrement(ref _operatorCount);
    }

    /// <summary>
    /// Makes <paramref name="session"/> invisible (user mode +i) or not, keeping the count. Called
    /// on the session's own connection, as <see cref="Detach"/> is: never both at once.
    /// </summary>
    public void SetInvisible(ClientSession session, bool on)
    {
        if (session.IsInvisible == on)
        {
            return;
        }

        session.IsInvisible = on;
        Interlocked.Add(ref _invisibleCount, on ? 1 : -1);
    }

    private void UpdatePeak()
    {
        var count = SessionCount;
        int peak;
        while (count > (peak = Volatile.Read(ref _peakSessionCount)) && Interlocked.CompareExchange(ref _peakSessionCount, count, peak) != peak)
        {
        }
    }

    /// <summary>
    /// Tells everyone who shares a channel with <paramref name="session"/>, once each; with
    /// <paramref name="alsoWatchers"/>, also those watching its nick who share none (as a
    /// <see cref="WatchedEvent"/>, which their protocol shows only if they asked: extended-monitor).
    /// </summary>
    private void TellPeers(ClientSession session, ChatEvent chatEvent, bool alsoWatchers = true)
    {
        var channels = session.Channels;
        var watchers = alsoWatchers ? _monitors.WatchersOf(session.Nick) : [];
        var alreadyTold = channels.Count > 1 || watchers.Length > 0 ? new HashSet<ClientSession>(ReferenceEqualityComparer.Instance) : null;
        foreach (var channel in channels)
        {
            channel.Broadcast(chatEvent, except: session, alreadyTold);
        }

        if (watchers.Length > 0)
        {
            Fanout.Deliver(watchers, new WatchedEvent(chatEvent) { Time = chatEvent.Time, MessageId = chatEvent.MessageId }, except: session, alreadyTold);
        }
    }

    /// <summary>
    /// Sets (or, with a null value, removes) a metadata key of <paramref name="session"/> and
    /// tells those who subscribed to the key among the users who share a channel with it or watch
    /// its nick (not itself). False when the key would pass <see cref="EngineOptions.MaxMetadataKeys"/>.
    /// </summary>
    public bool SetMetadata(ClientSession session, string key, string? value)
    {
        if (!session.Metadata.TrySet(key, value, Options.MaxMetadataKeys))
        {
            return false;
        }

        if (session.IsAttached)
        {
            var change = new MetadataEvent(session, session.Nick, session.Nick, key, value) { Time = Time.GetUtcNow() };
            var told = new HashSet<ClientSession>(ReferenceEqualityComparer.Instance) { session };
            foreach (var channel in session.Channels)
            {
                Fanout.Deliver(channel.Members.Where(m => m.WantsMetadata(key)).ToArray(), change, except: null, told);
            }

            Fanout.Deliver(_monitors.WatchersOf(session.Nick).Where(m => m.WantsMetadata(key)).ToArray(), change, except: null, told);
        }

        return true;
    }

    /// <summary>
    /// Sets (or removes) a metadata key of <paramref name="channel"/> on behalf of
    /// <paramref name="actor"/> (the protocol checked it may) and tells the members who subscribed
    /// to the key. False when the key would pass the limit.
    /// </summary>
    public bool SetMetadata(ClientSession actor, Channel channel, string key, string? value)
    {
        if (!channel.Metadata.TrySet(key, value, Options.MaxMetadataKeys))
        {
            return false;
        }

        var change = new MetadataEvent(actor, actor.Nick, channel.Name, key, value) { Time = Time.GetUtcNow() };
        Fanout.Deliver(channel.Members.Where(m => m.WantsMetadata(key)).ToArray(), change, except: null);
        return true;
    }

    /// <summary>Tells those watching the nick of <paramref name="presence"/> that it came or went (MONITOR).</summary>
    private void TellWatchers(PresenceEvent presence)
    {
        var watchers = _monitors.WatchersOf(presence.Nick);
        if (watchers.Length > 0)
        {
            Fanout.Deliver(watchers, presence, except: null);
        }
    }

    /// <summary>
    /// Adds <paramref name="nicks"/> (valid nicknames: the protocol checked them) to what
    /// <paramref name="watcher"/> watches, while its list has room; returns those that did not fit.
    /// </summary>
    public IReadOnlyList<string> Monitor(ClientSession watcher, IReadOnlyList<string> nicks) =>
        _monitors.Add(watcher, nicks, Options.MaxMonitorEntries);

    /// <summary>Stops <paramref name="watcher"/> watching <paramref name="nicks"/>.</summary>
    public void Unmonitor(ClientSession watcher, IEnumerable<string> nicks) => _monitors.Remove(watcher, nicks);

    /// <summary>Empties what <paramref name="watcher"/> watches.</summary>
    public void ClearMonitor(ClientSession watcher) => _monitors.Clear(watcher);

    /// <summary>The nicks <paramref name="watcher"/> watches.</summary>
    public IReadOnlyList<string> MonitorList(ClientSession watcher) => _monitors.ListOf(watcher);
}
