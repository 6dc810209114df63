using System.Collections.Concurrent;
using Charla.Core.Sessions;

namespace Charla.Core.Nicknames;

/// <summary>
/// Who holds which nickname. Lock-free: a name is claimed by an atomic insert, so two sessions
/// asking for one name at once cannot both get it.
/// </summary>
public sealed class NickRegistry
{
    private readonly ConcurrentDictionary<string, ClientSession> _byNick = new(NickRules.Comparer);
    private long _lastGuestNumber;

    public int Count => _byNick.Count;

    /// <summary>Gives <paramref name="session"/> the next free <c>Guest&lt;N&gt;</c> name and returns it.</summary>
    public string ClaimGuest(ClientSession session)
    {
        while (true)
        {
            // A user may have taken "Guest7" by /nick: skip numbers that are held.
            var nick = NickRules.GuestPrefix + Interlocked.Increment(ref _lastGuestNumber).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (_byNick.TryAdd(nick, session))
            {
                session.Nick = nick;
                return nick;
            }
        }
    }

    /// <summary>Gives a new session <paramref name="nick"/> if it is free. The caller validated the name.</summary>
    public bool TryClaim(ClientSession session, string nick)
    {
        if (!_byNick.TryAdd(nick, session))
        {
            return false;
        }

        session.Nick = nick;
        return true;
    }

    /// <summary>Moves <paramref name="session"/> to <paramref name="nick"/> if it is free. The caller validated the name.</summary>
    public NickChangeResult TryChange(ClientSession session, string nick)
    {
        var old = session.Nick;
        if (_byNick.TryAdd(nick, session))
        {
            session.Nick = nick;
            _byNick.TryRemove(new KeyValuePair<string, ClientSession>(old, session));
            return NickChangeResult.Changed;
        }

        if (!_byNick.TryGetValue(nick, out var holder) || !ReferenceEquals(holder, session))
        {
            return NickChangeResult.InUse;
        }

        // The session's own name in another case ("ana" to "Ana"): same key, new spelling.
        if (string.Equals(old, nick, StringComparison.Ordinal))
        {
            return NickChangeResult.Unchanged;
        }

        session.Nick = nick;
        return NickChangeResult.Changed;
    }

    public bool TryFind(string nick, out ClientSession? session) => _byNick.TryGetValue(nick, out session);

    /// <summary>Frees the session's nickname (it is leaving).</summary>
    public void Release(ClientSession session) =>
        _byNick.TryRemove(new KeyValuePair<string, ClientSession>(session.Nick, session));
}
