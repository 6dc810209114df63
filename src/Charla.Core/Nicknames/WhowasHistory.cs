using Charla.Core.Sessions;

namespace Charla.Core.Nicknames;

/// <summary>Who used a nickname before: one entry per user as they left it.</summary>
public sealed record WhowasEntry(string Nick, string UserName, string Host, string RealName, DateTimeOffset LeftAt);

/// <summary>
/// The most recent nicknames given up (by leaving or renaming), newest first, for IRC's WHOWAS.
/// Bounded: the oldest entries are forgotten past <see cref="Capacity"/>.
/// </summary>
public sealed class WhowasHistory(int capacity)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<WhowasEntry> _entries = new();

    public int Capacity { get; } = capacity;

    public void Record(ClientSession session, string nick, DateTimeOffset at)
    {
        lock (_gate)
        {
            _entries.AddFirst(new WhowasEntry(nick, session.UserName, session.Host, session.RealName, at));
            if (_entries.Count > Capacity)
            {
                _entries.RemoveLast();
            }
        }
    }

    /// <summary>
    /// Up to <paramref name="max"/> entries for <paramref name="nick"/>, newest first; a nick with
    /// <c>*</c> or <c>?</c> is a mask (RFC 2812 3.6.3 allows wildcards).
    /// </summary>
    public IReadOnlyList<WhowasEntry> Find(string nick, int max)
    {
        var mask = nick.AsSpan().IndexOfAny('*', '?') >= 0;
        lock (_gate)
        {
            return _entries.Where(e => mask ? Channels.Wildcard.Matches(nick, e.Nick) : NickRules.Comparer.Equals(e.Nick, nick)).Take(max).ToList();
        }
    }
}
