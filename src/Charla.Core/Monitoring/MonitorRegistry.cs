using Charla.Core.Nicknames;
using Charla.Core.Sessions;

namespace Charla.Core.Monitoring;

/// <summary>
/// Who watches which nicknames (IRCv3 MONITOR): for each nick, the sessions watching it, and for
/// each session, the nicks it watches (at most <see cref="EngineOptions.MaxMonitorEntries"/>).
/// Nicks are compared as IRC compares them (ASCII case-insensitive), kept as the watcher typed them.
/// </summary>
/// <remarks>
/// Changes take one lock, for a moment; lookups (every connect, quit and nick change) read a
/// copy-on-write array without it. A session's list changes on its own connection only.
/// </remarks>
internal sealed class MonitorRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ClientSession[]> _watchers = new(NickRules.Comparer);

    /// <summary>The sessions watching <paramref name="nick"/> now (a snapshot; empty when none).</summary>
    public ClientSession[] WatchersOf(string nick)
    {
        lock (_gate)
        {
            return _watchers.GetValueOrDefault(nick) ?? [];
        }
    }

    /// <summary>
    /// Adds <paramref name="nicks"/> to <paramref name="watcher"/>'s list, in order, while it has
    /// room for <paramref name="limit"/>. Returns those that did not fit.
    /// </summary>
    public IReadOnlyList<string> Add(ClientSession watcher, IReadOnlyList<string> nicks, int limit)
    {
        var refused = new List<string>();
        lock (_gate)
        {
            var list = watcher.Monitored ??= new HashSet<string>(NickRules.Comparer);
            foreach (var nick in nicks)
            {
                if (list.Contains(nick))
                {
                    continue;
                }

                if (list.Count >= limit)
                {
                    refused.Add(nick);
                    continue;
                }

                list.Add(nick);
                _watchers[nick] = [.. _watchers.GetValueOrDefault(nick) ?? [], watcher];
            }
        }

        return refused;
    }

    /// <summary>Takes <paramref name="nicks"/> off <paramref name="watcher"/>'s list.</summary>
    public void Remove(ClientSession watcher, IEnumerable<string> nicks)
    {
        lock (_gate)
        {
            foreach (var nick in nicks)
            {
                if (watcher.Monitored?.Remove(nick) == true)
                {
                    Unwatch(watcher, nick);
                }
            }
        }
    }

    /// <summary>Empties <paramref name="watcher"/>'s list (MONITOR C, and when the session ends).</summary>
    public void Clear(ClientSession watcher)
    {
        lock (_gate)
        {
            if (watcher.Monitored is not { } list)
            {
                return;
            }

            foreach (var nick in list)
            {
                Unwatch(watcher, nick);
            }

            watcher.Monitored = null;
        }
    }

    /// <summary>The nicks <paramref name="watcher"/> watches, as it typed them.</summary>
    public IReadOnlyList<string> ListOf(ClientSession watcher)
    {
        lock (_gate)
        {
            return watcher.Monitored is { } list ? [.. list] : [];
        }
    }

    private void Unwatch(ClientSession watcher, string nick)
    {
        var remaining = Array.FindAll(_watchers.GetValueOrDefault(nick) ?? [], s => !ReferenceEquals(s, watcher));
        if (remaining.Length == 0)
        {
            _watchers.Remove(nick);
        }
        else
        {
            _watchers[nick] = remaining;
        }
    }
}
