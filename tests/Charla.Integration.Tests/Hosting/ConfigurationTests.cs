using System.Net;
using Charla.Integration.Tests.Support;

namespace Charla.Integration.Tests.Hosting;

/// <summary>Defaults, then the JSON file, then CHARLA__ variables, then flags: each wins over the one before.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public async Task File_environment_and_flags_apply_in_order_of_precedence()
    {
        var file = Path.Combine(Path.GetTempPath(), $"charla-test-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """
            { "Plain": { "MaxLineBytes": 50 }, "Limits": { "NickLength": 5 } }
            """);
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["CHARLA__LIMITS__NICKLENGTH"] = "8", // wins over the file's 5
                ["CHARLA__BIND"] = "not-an-address",  // loses to the --bind flag
            };
            var (process, port) = await TestProcess.StartServerAsync(["--config", file], environment);
            using (process)
            {
                await using var client = await PlainClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));

                await client.SendLineAsync(new string('x', 51));
                await client.ExpectAsync("(ERROR) Line too long (the limit is 50 bytes); it was not sent.");
                await client.SendLineAsync("/nick eightchr");
                await client.ExpectAsync("* You are now eightchr.");
                await client.SendLineAsync("/nick ninechars");
                Assert.StartsWith("(ERROR) Invalid nickname", await client.ReadLineAsync());
            }
        }
        finally
        {
            File.Delete(file);
        }
    }
}
