namespace Charla.Server.Configuration;

/// <summary>Where <c>charla serve</c> takes its configuration from, besides the defaults and <c>CHARLA__</c> variables.</summary>
/// <param name="ConfigFile">A JSON file, or null for none.</param>
/// <param name="Overrides">Settings that win over everything else (the command-line flags), by key: <c>Plain:Port</c>.</param>
public sealed record ServerSetup(string? ConfigFile, IReadOnlyDictionary<string, string?> Overrides)
{
    public static ServerSetup Defaults { get; } = new(null, new Dictionary<string, string?>());
}
