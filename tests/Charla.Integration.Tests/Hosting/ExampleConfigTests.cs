using Charla.Core;
using Charla.Protocols.Plain;
using Charla.Server.Configuration;
using Microsoft.Extensions.Configuration;

namespace Charla.Integration.Tests.Hosting;

/// <summary>The example configuration in docs/ is valid and says exactly what the defaults are.</summary>
public sealed class ExampleConfigTests
{
    [Fact]
    public void The_documented_example_loads_and_matches_the_built_in_defaults()
    {
        var file = Path.Combine(RepositoryFiles.Root, "docs", "charla.example.json");
        var options = ServerConfiguration.Load(new ConfigurationManager(), new ServerSetup(file, new Dictionary<string, string?>()));

        var defaults = new CharlaOptions();
        Assert.Equal(defaults.Bind, options.Bind);
        Assert.Equal(defaults.PasswordHash, options.PasswordHash);
        Assert.Equivalent(defaults.Plain, options.Plain, strict: true);
        Assert.Equivalent(defaults.Irc, options.Irc, strict: true);
        Assert.Equivalent(defaults.Http, options.Http, strict: true);
        Assert.Equivalent(defaults.Limits, options.Limits, strict: true);
        Assert.Equivalent(defaults.Tcp, options.Tcp, strict: true);
        Assert.Equivalent(defaults.Storage, options.Storage, strict: true);
        Assert.Equivalent(defaults.History, options.History, strict: true);
        Assert.Equivalent(defaults.Connections, options.Connections, strict: true);
        Assert.Equivalent(defaults.Privacy, options.Privacy, strict: true);
        Assert.Equal(5556, new PlainOptions().Port);
        Assert.Equal(30, new EngineOptions().NickLength);
    }
}
