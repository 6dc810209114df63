namespace Charla.Core.Sessions;

/// <summary>
/// Every open connection's session, each in a slot of one array: a slot (8 bytes) per
/// connection where a concurrent dictionary keeps a node and a bucket (about 60). Adding and
/// removing take a lock for a moment; enumerating reads the array without one, so it is safe
/// while the table changes (a session added or removed meanwhile may be seen or not).
/// </summary>
internal sealed class SessionTable
{
    private readonly Lock _gate = new();
    private readonly Stack<int> _freeSlots = new();
    private ClientSession?[] _slots = new ClientSession?[64];
    private int _usedSlots; // slots ever handed out: the rest of the array was never written

    public void Add(ClientSession session)
    {
        lock (_gate)
        {
            var slot = _freeSlots.Count > 0 ? _freeSlots.Pop() : _usedSlots;
            if (slot == _slots.Length)
            {
                var grown = new ClientSession?[_slots.Length * 2];
                _slots.CopyTo(grown, 0);
                Volatile.Write(ref _slots, grown);
            }

            session.TableSlot = slot;
            Volatile.Write(ref _slots[slot], session);
            if (slot == _usedSlots)
            {
                Volatile.Write(ref _usedSlots, slot + 1);
            }
        }
    }

    /// <summary>Takes <paramref name="session"/> out; false if it was not in (removing is idempotent).</summary>
    public bool Remove(ClientSession session)
    {
        lock (_gate)
        {
            var slot = session.TableSlot;
            if (slot < 0 || !ReferenceEquals(_slots[slot], session))
            {
                return false;
            }

            Volatile.Write(ref _slots[slot], null);
            session.TableSlot = -1;
            _freeSlots.Push(slot);
            return true;
        }
    }

    public IEnumerable<ClientSession> Values
    {
        get
        {
            var slots = Volatile.Read(ref _slots);
            var used = Math.Min(Volatile.Read(ref _usedSlots), slots.Length);
            for (var i = 0; i < used; i++)
            {
                if (Volatile.Read(ref slots[i]) is { } session)
                {
                    yield return session;
                }
            }
        }
    }
}
