using Charla.Core;
using Charla.Protocols.Irc;
using Charla.Server.Transports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Charla.Server.Configuration;

/// <summary>
/// Reads the configuration again (REHASH, SIGHUP) and applies what can change while clients stay
/// connected: the MOTD, the operator blocks and classes, the lobby's moderators, the
/// per-address limits, and log levels (the logging framework follows the configuration by
/// itself). Says what changed, and which changed keys only take effect after a restart. A
/// configuration that does not pass the checks changes nothing.
/// </summary>
public sealed class ConfigurationReloader(
    IConfigurationRoot configuration, ChatEngine engine, IrcServerInfo irc, LineListeners listeners, ILogger<ConfigurationReloader> logger)
{
    /// <summary>Keys (and sections, ending in ':') that a reload applies; any other change waits for a restart.</summary>
    private static readonly string[] Reloadable = ["Irc:Motd", "Irc:Operators", "Irc:OperatorClasses", "Plain:Moderators", "Connections:", "Logging:"];

    private readonly Lock _one = new();

    /// <summary>Reloads on behalf of <paramref name="by"/> (an operator's nick, or SIGHUP), on the thread pool (it reads files); returns what happened, a line each.</summary>
    public Task<IReadOnlyList<string>> ReloadAsync(string by) => Task.Run<IReadOnlyList<string>>(() => Reload(by));

    private List<string> Reload(string by)
    {
        lock (_one)
        {
            var before = Snapshot();
            configuration.Reload();
            CharlaOptions fresh;
            try
            {
                fresh = ServerConfiguration.Bind(configuration);
            }
            catch (ConfigurationException ex)
            {
                logger.LogWarning("Configuration not reloaded ({By}): {Error}", by, ex.Message);
                return [$"Not reloaded, nothing changed: {ex.Message}"];
            }

            var after = Snapshot();
            var changed = before.Keys.Union(after.Keys, StringComparer.OrdinalIgnoreCase)
                .Where(key => before.GetValueOrDefault(key) != after.GetValueOrDefault(key))
                .Order(StringComparer.OrdinalIgnoreCase)
                .ToList();
            var applied = changed.Where(IsReloadable).ToList();
            var waiting = changed.Where(key => !IsReloadable(key)).ToList();

            irc.Reload(fresh.Irc);
            engine.SetLobbyModerators(fresh.Plain.Moderators);
            listeners.SetConnectionLimits(fresh.Connections);

            var lines = new List<string>
            {
                applied.Count == 0 ? "Configuration reloaded: nothing to change." : $"Configuration reloaded: changed {string.Join(", ", applied)}.",
            };
            if (waiting.Count > 0)
            {
                lines.Add($"Changed but only after a restart: {string.Join(", ", waiting)}.");
            }

            foreach (var line in lines)
            {
                logger.LogInformation("{Line} ({By})", line, by);
            }

            return lines;
        }
    }

    private static bool IsReloadable(string key) =>
        Array.Exists(Reloadable, prefix => key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every key with a value, as the configuration holds it now.</summary>
    private Dictionary<string, string?> Snapshot() =>
        configuration.AsEnumerable().Where(pair => pair.Value is not null).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);
}
