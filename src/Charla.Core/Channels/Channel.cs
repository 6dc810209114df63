using Charla.Core.Metadata;
using Charla.Core.Routing;
using Charla.Core.Sessions;
using Charla.Core.History;
using Charla.Storage.History;

namespace Charla.Core.Channels;

/// <summary>
/// A room: its members, their status, its topic, and the order of what is said in it.
/// </summary>
/// <remarks>
/// INVARIANT: every member sees this channel's events in one order. All changes and broadcasts
/// take <see cref="_gate"/>, and a broadcast only enqueues (never awaits a peer), so the lock is
/// held for microseconds. Readers (names lists, counts) use the copy-on-write
/// <see cref="Members"/> snapshot and take no lock.
/// </remarks>
public sealed partial class Channel
{
    private readonly Lock _gate = new();
    private DateTimeOffset _lastStoredTime; // of the last record appended for this channel (under the lock)
    private readonly HashSet<ClientSession> _operators = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<ClientSession> _voiced = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<ClientSession> _invited = new(ReferenceEqualityComparer.Instance);
    private ClientSession[] _members = [];
    private ChannelTopic? _topic;
    private ChannelModes _modes;
    private string _name;

    public Channel(string name, bool isLobby, DateTimeOffset createdAt)
    {
        _name = name;
        IsLobby = isLobby;
        CreatedAt = createdAt;
        _modes = isLobby ? ChannelModes.Lobby : ChannelModes.Default;
        var folded = name.ToLowerInvariant();
        HistoryKey = isLobby ? ConversationKeys.Lasting(folded) : ConversationKeys.OneLife(folded, MessageIds.Next());
    }

    /// <summary>
    /// The conversation its history is kept under: the lobby's lasts across its lives; any other
    /// channel's is this life's own (a renamed channel keeps it).
    /// </summary>
    public string HistoryKey { get; }

    /// <summary>Where the channel's events are kept (JOIN, PART, QUIT, KICK, NICK, TOPIC), under its lock with their delivery; null keeps none.</summary>
    internal IHistoryLog? History { get; init; }

    /// <summary>The settings now (an immutable snapshot).</summary>
    public ChannelModes Modes => Volatile.Read(ref _modes);

    /// <summary>The name now: a rename (IRC RENAME) changes it, the channel stays the same.</summary>
    public string Name => Volatile.Read(ref _name);

    /// <summary>The lobby gives nobody operator status (plain-mode users could not answer to one).</summary>
    public bool IsLobby { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>The members now, in the order they joined (a snapshot).</summary>
    public IReadOnlyList<ClientSession> Members => Volatile.Read(ref _members);

    public int MemberCount => Volatile.Read(ref _members).Length;

    /// <summary>The channel's metadata (IRCv3 metadata), kept while the channel lives.</summary>
    public MetadataValues Metadata { get; } = new();

    /// <summary>The topic, or null when none is set.</summary>
    public ChannelTopic? Topic => Volatile.Read(ref _topic);

    /// <summary>True once the last member left: the channel is out of the directory and must not be joined.</summary>
    internal bool IsClosed { get; private set; }

    public bool IsMember(ClientSession session) => Array.IndexOf(Volatile.Read(ref _members), session) >= 0;

    public bool IsOperator(ClientSession session)
    {
        lock (_gate)
        {
            return _operators.Contains(session) || IsModerator(session);
        }
    }

    /// <summary>
    /// For the lobby, who moderates it whatever its operator list says (server operators, the
    /// configured moderators): they count as its operators. Null for other channels.
    /// </summary>
    internal Func<ClientSession, bool>? Moderator { get; init; }

    private bool IsModerator(ClientSession session) => Moderator is { } moderator && moderator(session);

    /// <summary>
    /// Whether <paramref name="session"/> may send to the channel: members only when +n; only
    /// operators and voiced members when +m; not a banned member without an exception.
    /// </summary>
    public bool CanSend(ClientSession session)
    {
        // Most messages pass on the settings and membership snapshots alone; status (which the
        // lock guards) matters only to one they would stop. No lock per message: the channel's
        // other senders are busy with it.
        var modes = Modes;
        if ((IsMember(session) || !modes.NoExternalMessages) && !modes.Moderated && !IsBannedOrQuieted(modes, session))
        {
            return true;
        }

        return StatusOf(session) != MemberStatus.None;
    }

    // The mask is made only when there are bans to match it against, not for every message.
    private static bool IsBanned(ChannelModes modes, ClientSession session) =>
        modes.Bans.Count > 0 && modes.IsBanned(ChatEngine.UserMask(session));

    private static bool IsBannedOrQuieted(ChannelModes modes, ClientSession session) =>
        (modes.Bans.Count > 0 || modes.Quiets.Count > 0) && (modes.IsBanned(ChatEngine.UserMask(session)) || modes.IsQuieted(ChatEngine.UserMask(session)));

    /// <summary>
    /// Adds <paramref name="session"/> and announces it to the others. The first member of a
    /// channel but the lobby becomes its operator. <paramref name="greet"/>, if given, runs under
    /// the channel lock with the members including the joiner, so what it queues to the joiner
    /// (a welcome, a names list) is exact and comes before any later event. It MUST only enqueue.
    /// Returns null when the channel closed meanwhile (the caller looks it up again).
    /// </summary>
    internal JoinResult? Add(ClientSession session, JoinEvent announcement, JoinGreeting? greet, JoinAttempt attempt)
    {
        lock (_gate)
        {
            if (IsClosed)
            {
                return null;
            }

            if (Array.IndexOf(_members, session) >= 0)
            {
                return JoinResult.AlreadyMember;
            }

            if (Admit(session, attempt) is { } refusal)
            {
                return refusal;
            }

            _invited.Remove(session);
            if (_members.Length == 0 && !IsLobby)
            {
                _operators.Add(session);
            }

            Fanout.Deliver(_members, announcement, except: null);
            Record(announcement);
            ClientSession[] members = [.. _members, session];
            Volatile.Write(ref _members, members);
            greet?.Invoke(this, members, announcement);
            return JoinResult.Joined;
        }
    }

    /// <summary>
    /// Removes <paramref name="session"/>. When <paramref name="announcement"/> is given, the
    /// remaining members not in <paramref name="alreadyTold"/> are told, and the leaver too when
    /// <paramref name="tellLeaver"/> (a PART is echoed; a QUIT is not). Returns true when the
    /// session was a member; <paramref name="nowEmpty"/> says the channel closed with it.
    /// </summary>
    internal bool Remove(
        ClientSession session, ChatEvent? announcement, HashSet<ClientSession>? alreadyTold, bool tellLeaver, out bool nowEmpty)
    {
        lock (_gate)
        {
            nowEmpty = false;
            var index = Array.IndexOf(_members, session);
            if (index < 0)
            {
                return false;
            }

            if (announcement is not null && tellLeaver)
            {
                Fanout.Deliver([session], announcement, except: null);
            }

            var members = new ClientSession[_members.Length - 1];
            _members.AsSpan(0, index).CopyTo(members);
            _members.AsSpan(index + 1).CopyTo(members.AsSpan(index));
            Volatile.Write(ref _members, members);
            _operators.Remove(session);
            _voiced.Remove(session);
            if (announcement is not null)
            {
                Fanout.Deliver(members, announcement, except: null, alreadyTold);
                Record(announcement);
            }

            if (members.Length == 0)
            {
                IsClosed = true;
                nowEmpty = true;
            }

            return true;
        }
    }

    /// <summary>
    /// Queues <paramref name="chatEvent"/> to every member but <paramref name="except"/> and appends
    /// <paramref name="record"/> to <paramref name="history"/>, under the one lock: history's order is the order members saw.
    /// </summary>
    internal int Broadcast(ChatEvent chatEvent, ClientSession? except, IHistoryLog history, HistoryRecord record)
    {
        lock (_gate)
        {
            var time = InOrder(record.Time);
            if (time != record.Time)
            {
                // Stamped before the lock, overtaken by another sender: what members see and
                // what is stored move on together.
                chatEvent.MoveTo(time);
                record.Time = time;
            }

            var delivered = Fanout.Deliver(_members, chatEvent, except);
            history.Append(record);
            return delivered;
        }
    }

    /// <summary>
    /// <paramref name="time"/>, or the last time stored for this channel if that is later: a
    /// channel's history is in (time, seq) order. Under the lock.
    /// </summary>
    private DateTimeOffset InOrder(DateTimeOffset time)
    {
        if (time < _lastStoredTime)
        {
            return _lastStoredTime;
        }

        _lastStoredTime = time;
        return time;
    }

    /// <summary>
    /// Tells every member but <paramref name="except"/> of <paramref name="redaction"/> and queues
    /// <paramref name="removal"/>, under the one lock; false if <paramref name="except"/> (the
    /// redactor) is no longer a member.
    /// </summary>
    internal bool Redact(RedactEvent redaction, ClientSession except, IHistoryLog history, HistoryRemoval removal)
    {
        lock (_gate)
        {
            if (Array.IndexOf(_members, except) < 0)
            {
                return false;
            }

            Fanout.Deliver(_members, redaction, except);
            history.Remove(removal);
            return true;
        }
    }

    /// <summary>Keeps <paramref name="chatEvent"/> in history if it is a channel event history replays; called under the lock, right after its delivery.</summary>
    private void Record(ChatEvent chatEvent)
    {
        if (History is { } history && HistoryRecords.Event(chatEvent, this) is { } record)
        {
            record.Time = InOrder(record.Time); // an event is told to several channels at its own time: only the record moves
            history.Append(record);
        }
    }

    /// <summary>Queues <paramref name="chatEvent"/> to every member but <paramref name="except"/>, in channel order.</summary>
    internal int Broadcast(ChatEvent chatEvent, ClientSession? except, HashSet<ClientSession>? alreadyTold = null)
    {
        lock (_gate)
        {
            var delivered = Fanout.Deliver(_members, chatEvent, except, alreadyTold);
            Record(chatEvent);
            return delivered;
        }
    }

    /// <summary>Queues <paramref name="chatEvent"/> to the members of at least <paramref name="status"/> but <paramref name="except"/>.</summary>
    internal int Broadcast(ChatEvent chatEvent, ClientSession? except, MemberStatus status)
    {
        lock (_gate)
        {
            var recipients = _members.Where(m => StatusOf(m) >= status).ToArray();
            return Fanout.Deliver(recipients, chatEvent, except);
        }
    }

    /// <summary>The highest status of <paramref name="session"/> in the channel.</summary>
    public MemberStatus StatusOf(ClientSession session) =>
        Flags(session) switch
        {
            (true, _) => MemberStatus.Operator,
            (_, true) => MemberStatus.Voiced,
            _ => MemberStatus.None,
        };

    /// <summary>Whether <paramref name="session"/> is an operator and whether it has voice, read together (one lock per member of a names list).</summary>
    public (bool Operator, bool Voiced) Flags(ClientSession session)
    {
        lock (_gate)
        {
            return (_operators.Contains(session) || IsModerator(session), _voiced.Contains(session));
        }
    }

    /// <summary>Puts <paramref name="target"/> out; every member, the target too, is told. False if not a member.</summary>
    internal bool Kick(ClientSession target, ChatEvent announcement, out bool nowEmpty) =>
        Remove(target, announcement, alreadyTold: null, tellLeaver: true, out nowEmpty);

    /// <summary>Lets <paramref name="session"/> join past +i (once).</summary>
    internal void Invite(ClientSession session)
    {
        lock (_gate)
        {
            _invited.Add(session);
        }
    }

    /// <summary>
    /// Gives the channel its new name and tells every member, in channel order; each member's
    /// session then learns of it (<see cref="ClientSession.OnChannelRenamed"/>) under the same lock,
    /// so what it sends (a names list, for clients that do not know RENAME) comes before any later event.
    /// </summary>
    internal void Rename(RenameEvent announcement)
    {
        lock (_gate)
        {
            Volatile.Write(ref _name, announcement.NewName);
            Fanout.Deliver(_members, announcement, except: null);
            foreach (var member in _members)
            {
                member.OnChannelRenamed(this, announcement, _members);
            }
        }
    }

    /// <summary>Sets the topic and tells every member (the setter too), in channel order.</summary>
    internal void SetTopic(ChannelTopic topic, ChatEvent announcement)
    {
        lock (_gate)
        {
            Volatile.Write(ref _topic, topic.Text.Length == 0 ? null : topic);
            Fanout.Deliver(_members, announcement, except: null);
            Record(announcement);
        }
    }
}

/// <summary>A channel's topic, who set it and when.</summary>
public sealed record ChannelTopic(string Text, string SetBy, DateTimeOffset SetAt);
