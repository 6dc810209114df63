using Charla.Core.Security;
using Charla.Integration.Tests.Support;

namespace Charla.Integration.Tests.Admission;

/// <summary>Server bans on a real server and a real SQLite file: they survive a restart, and a D-line refuses an address as it connects.</summary>
public sealed class ServerBanTests
{
    private static readonly (string, string)[] Operator =
    [
        ("Irc:Operators:0:Name", "root"),
        ("Irc:Operators:0:PasswordHash", PasswordHash.Create("s3cret", 1_000)),
    ];

    [LinuxFact("a second loopback address (127.0.0.2)")]
    public async Task A_dline_refuses_its_address_as_it_connects_survives_a_restart_and_lifts_with_undline()
    {
        var dataDirectory = TestProcess.NewDataDirectory();
        try
        {
            (string, string)[] settings = [.. Operator, ("Storage:DataDirectory", dataDirectory)];
            await using (var server = await TestServer.StartAsync(settings))
            {
                var admin = await server.RegisterIrcAsync("admin");
                await admin.SendAsync("OPER root s3cret");
                await admin.ReadUntilAsync(r => r.Command == "381");
                await admin.SendAsync("DLINE 127.0.0.2 :go away");
                Assert.StartsWith("*** Added a D-line on 127.0.0.2 (go away)", (await admin.ReadUntilAsync(r => r.Command == "NOTICE"))[^1].Last, StringComparison.Ordinal);

                Assert.Equal(["(ERROR) Banned (go away)."], await OtherAddress.ReadAllAsync(server.PlainEndPoint, "127.0.0.2"));
                Assert.Single(server.Events, e => e.StartsWith("Refused a connection (Plain) from 127.0.0.2 port ", StringComparison.Ordinal) && e.EndsWith("D-lined (127.0.0.2: go away)", StringComparison.Ordinal));
            }

            await using (var restarted = await TestServer.StartAsync(settings))
            {
                Assert.Equal(["ERROR :Closing Link: 127.0.0.2 (Banned (go away))"], await OtherAddress.ReadAllAsync(restarted.IrcEndPoint, "127.0.0.2"));
                var others = await restarted.ConnectAsync(); // 127.0.0.1 is not banned
                Assert.NotNull(others.Nick);

                var admin = await restarted.RegisterIrcAsync("admin");
                await admin.SendAsync("OPER root s3cret");
                await admin.ReadUntilAsync(r => r.Command == "381");
                await admin.SendAsync("STATS d");
                Assert.Equal(["admin", "D", "127.0.0.2", "go away (by admin)"], (await admin.ExpectAsync("225")).Params);
                await admin.SendAsync("UNDLINE 127.0.0.2");
                Assert.Equal("*** Removed the D-line on 127.0.0.2", (await admin.ReadUntilAsync(r => r.Command == "NOTICE"))[^1].Last);
            }

            await using var third = await TestServer.StartAsync(settings);
            var welcome = await OtherAddress.ReadAllAsync(third.PlainEndPoint, "127.0.0.2", "/quit\n");
            Assert.StartsWith("* Welcome to Charla, ", welcome[0], StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
