using Charla.Core.Routing;
using Charla.Core.Sessions;

namespace Charla.Core.Channels;

/// <summary>
/// A room: its members and the order of what is said in it.
/// </summary>
/// <remarks>
/// INVARIANT: every member sees this channel's events in one order. All changes and broadcasts
/// take <see cref="_gate"/>, and a broadcast only enqueues (never awaits a peer), so the lock is
/// held for microseconds. Readers (names lists, counts) use the copy-on-write
/// <see cref="Members"/> snapshot and take no lock.
/// </remarks>
public sealed class Channel
{
    private readonly Lock _gate = new();
    private ClientSession[] _members = [];

    public Channel(string name) => Name = name;

    public string Name { get; }

    /// <summary>The members now, in the order they joined (a snapshot).</summary>
    public IReadOnlyList<ClientSession> Members => Volatile.Read(ref _members);

    public int MemberCount => Volatile.Read(ref _members).Length;

    /// <summary>
    /// Adds <paramref name="session"/> and announces it to the others; false if already a member.
    /// <paramref name="greet"/>, if given, runs under the channel lock with the members including
    /// the joiner, so what it queues to the joiner (a welcome, a names list) is exact and comes
    /// before any later event of the channel. It MUST only enqueue.
    /// </summary>
    internal bool Add(ClientSession session, ChatEvent announcement, Action<IReadOnlyList<ClientSession>>? greet)
    {
        lock (_gate)
        {
            if (Array.IndexOf(_members, session) >= 0)
            {
                return false;
            }

            Fanout.Deliver(_members, announcement, except: null);
            ClientSession[] members = [.. _members, session];
            Volatile.Write(ref _members, members);
            greet?.Invoke(members);
            return true;
        }
    }

    /// <summary>
    /// Removes <paramref name="session"/> and, when <paramref name="announcement"/> is given,
    /// tells the remaining members who are not in <paramref name="alreadyTold"/>.
    /// </summary>
    internal bool Remove(ClientSession session, ChatEvent? announcement, HashSet<ClientSession>? alreadyTold)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_members, session);
            if (index < 0)
            {
                return false;
            }

            var members = new ClientSession[_members.Length - 1];
            _members.AsSpan(0, index).CopyTo(members);
            _members.AsSpan(index + 1).CopyTo(members.AsSpan(index));
            Volatile.Write(ref _members, members);
            if (announcement is not null)
            {
                Fanout.Deliver(members, announcement, except: null, alreadyTold);
            }

            return true;
        }
    }

    /// <summary>Queues <paramref name="chatEvent"/> to every member but <paramref name="except"/>, in channel order.</summary>
    internal void Broadcast(ChatEvent chatEvent, ClientSession? except, HashSet<ClientSession>? alreadyTold = null)
    {
        lock (_gate)
        {
            Fanout.Deliver(_members, chatEvent, except, alreadyTold);
        }
    }
}
