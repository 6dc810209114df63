using System.Text.Json;
using Charla.Core.Security;
using Charla.Integration.Tests.Support;

namespace Charla.Integration.Tests.Hosting;

/// <summary>REHASH and SIGHUP: the configuration file read again, what can change applied, nobody disconnected.</summary>
public sealed class ReloadTests : IDisposable
{
    private readonly string _directory = TestProcess.NewDataDirectory();
    private readonly string _rootHash = PasswordHash.Create("s3cret", 1_000); // one hash: a new salt would be a change too

    private string ConfigFile => Path.Combine(_directory, "charla.json");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The file, with one operator (root / s3cret) and the given MOTD, per-address limit and server name.</summary>
    private void WriteConfig(string motd, int maxPerAddress, string serverName = "charla.local") =>
        File.WriteAllText(ConfigFile, JsonSerializer.Serialize(new
        {
            Irc = new
            {
                ServerName = serverName,
                Motd = new[] { motd },
                Operators = new[] { new { Name = "root", PasswordHash = _rootHash } },
            },
            Connections = new { MaxPerAddress = maxPerAddress },
        }));

    [Fact]
    public async Task Rehash_applies_a_new_motd_and_limit_says_what_waits_for_a_restart_and_keeps_everyone()
    {
        WriteConfig("first message of the day", maxPerAddress: 16);
        await using var server = await TestServer.StartAsync(ConfigFile, ("Storage:DataDirectory", Path.Combine(_directory, "data")));
        var admin = await server.RegisterIrcAsync("admin");
        var bystander = await server.RegisterIrcAsync("bystander");
        await bystander.SendAsync("REHASH");
        Assert.Equal("481", (await bystander.ExpectAsync("481")).Command);

        WriteConfig("second message of the day", maxPerAddress: 8, serverName: "renamed.example");
        await admin.SendAsync("OPER root s3cret");
        await admin.ReadUntilAsync(r => r.Command == "381");
        await admin.SendAsync("REHASH");

        Assert.Equal(["admin", "charla.json", "Rehashing"], (await admin.ExpectAsync("382")).Params);
        Assert.Equal("*** Configuration reloaded: changed Connections:MaxPerAddress, Irc:Motd:0.", (await admin.ExpectAsync("NOTICE")).Last);
        Assert.Equal("*** Changed but only after a restart: Irc:ServerName.", (await admin.ExpectAsync("NOTICE")).Last);
        await bystander.SendAsync("MOTD");
        Assert.Equal("- second message of the day", (await bystander.ReadUntilAsync(r => r.Command == "372"))[^1].Last);
        Assert.Equal(2, server.Engine.SessionCount);

        await File.WriteAllTextAsync(ConfigFile, "{ \"Irc\": { \"Motd\": [ \"third\" ] }, \"Conections\": {} }");
        await admin.SendAsync("REHASH");
        await admin.ExpectAsync("382");
        Assert.StartsWith("*** Not reloaded, nothing changed: invalid configuration: Conections: unknown key (did you mean Connections?)", (await admin.ExpectAsync("NOTICE")).Last, StringComparison.Ordinal);
    }

    [LinuxFact("SIGHUP")]
    public async Task Sighup_reloads_the_motd_and_logs_what_changed_while_clients_stay_connected()
    {
        WriteConfig("before the signal", maxPerAddress: 16);
        var (process, _) = await TestProcess.StartServerAsync(["--config", ConfigFile, "--data-dir", Path.Combine(_directory, "data")]);
        using (process)
        {
            var irc = await process.WaitForOutputAsync(new(@"IRC listening on 127\.0\.0\.1:(?<port>\d+)"));
            await using var client = await Charla.Testing.IrcClient.ConnectAsync(new(System.Net.IPAddress.Loopback, int.Parse(irc.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture)));
            await client.RegisterAsync("watcher");

            WriteConfig("after the signal", maxPerAddress: 16);
            process.Signal(1); // SIGHUP

            await process.WaitForOutputAsync(new(@"Configuration reloaded: changed Irc:Motd:0\. \(SIGHUP\)"));
            await client.SendAsync("MOTD");
            Assert.Equal("- after the signal", (await client.ReadUntilAsync(r => r.Command == "372"))[^1].Last);
            Assert.False(process.HasExited);
        }
    }
}
