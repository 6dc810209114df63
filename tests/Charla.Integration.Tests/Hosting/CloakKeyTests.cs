using Charla.Integration.Tests.Support;
using Charla.Server.Hosting;
using Charla.Server.Privacy;

namespace Charla.Integration.Tests.Hosting;

/// <summary>The cloaks' secret: made on first start, private to the server's user, the same cloaks after a restart; a damaged one stops startup.</summary>
public sealed class CloakKeyTests
{
    [LinuxFact("Unix file modes")]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task A_user_keeps_its_cloak_across_a_restart_and_the_key_is_readable_by_the_server_user_only()
    {
        var dataDirectory = TestProcess.NewDataDirectory();
        try
        {
            var first = await OwnHostAsync(dataDirectory);
            var keyFile = Path.Combine(dataDirectory, CloakKeyFile.FileName);

            Assert.Matches(@"^[a-z2-7]{16}\.charla$", first);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
            Assert.Equal(first, await OwnHostAsync(dataDirectory));

            await File.WriteAllTextAsync(keyFile, "not a key\n");
            var failure = await Assert.ThrowsAsync<ServerStartException>(() => TestServer.StartAsync(("Storage:DataDirectory", dataDirectory)));
            Assert.Equal($"{keyFile} is not a cloak key (64 hexadecimal digits); remove it to make a new one (every cloak changes)", failure.Message);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>The host a fresh IRC client on that data directory is shown with (its own WHOIS 311).</summary>
    private static async Task<string> OwnHostAsync(string dataDirectory)
    {
        await using var server = await TestServer.StartAsync(("Storage:DataDirectory", dataDirectory));
        var client = await server.RegisterIrcAsync("me");
        await client.SendAsync("WHOIS me");
        return (await client.ReadUntilAsync(r => r.Command == "311"))[^1][3];
    }
}
