using Microsoft.Extensions.Configuration;

namespace Charla.Server.Configuration;

/// <summary>Assembles and binds the server's configuration sources, in order of precedence.</summary>
public static class ServerConfiguration
{
    /// <summary>Prefix of the environment variables read: <c>CHARLA__PLAIN__PORT=6000</c>.</summary>
    public const string EnvironmentPrefix = "CHARLA__";

    /// <summary>
    /// Replaces the host's default sources with Charla's (defaults, then <paramref name="setup"/>'s
    /// JSON file, then <c>CHARLA__</c> variables, then its overrides), and binds the result.
    /// </summary>
    /// <exception cref="ConfigurationException">The file is missing or not JSON, a key is unknown, a value has the wrong type, or a check fails.</exception>
    public static CharlaOptions Load(IConfigurationManager configuration, ServerSetup setup)
    {
        configuration.Sources.Clear();
        if (setup.ConfigFile is { } file)
        {
            AddJsonFile(configuration, file);
        }

        configuration.AddEnvironmentVariables(EnvironmentPrefix);
        configuration.AddInMemoryCollection(setup.Overrides);
        return Bind(configuration);
    }

    /// <summary>Binds and checks what <paramref name="configuration"/> holds now (at start, and after a reload).</summary>
    /// <exception cref="ConfigurationException">A key is unknown, a value has the wrong type, or a check fails.</exception>
    public static CharlaOptions Bind(IConfiguration configuration)
    {
        var unknown = UnknownKeys.Find(configuration, typeof(CharlaOptions));
        if (unknown.Count > 0)
        {
            throw new ConfigurationException("invalid configuration: " + string.Join(" ", unknown));
        }

        CharlaOptions options;
        try
        {
            options = configuration.Get<CharlaOptions>() ?? new CharlaOptions();
        }
        catch (InvalidOperationException ex)
        {
            throw new ConfigurationException($"invalid configuration: {ex.Message}", ex);
        }

        var errors = CharlaOptionsValidator.Validate(options);
        return errors.Count == 0 ? options : throw new ConfigurationException("invalid configuration: " + string.Join(" ", errors));
    }

    private static void AddJsonFile(IConfigurationManager configuration, string file)
    {
        var path = Path.GetFullPath(file);
        if (!File.Exists(path))
        {
            throw new ConfigurationException($"config file not found: {file}");
        }

        try
        {
            configuration.AddJsonFile(path, optional: false, reloadOnChange: false);
        }
        catch (InvalidDataException ex)
        {
            throw new ConfigurationException($"cannot read config file {file}: {ex.InnerException?.Message ?? ex.Message}", ex);
        }
    }
}
