using System.Globalization;
using Charla.Integration.Tests.Support;

namespace Charla.Integration.Tests.Interop;

/// <summary>
/// irssi (Debian's irssi), as a new user runs it: in a terminal (a pseudo-terminal from
/// script(1)), set up by its config file to connect and join #lobby, typing at its prompt.
/// ./test.sh installs it.
/// </summary>
public sealed class IrssiTests
{
    [LinuxFact("Debian's irssi, in a terminal from util-linux's script(1)")]
    public async Task Irssi_joins_the_lobby_and_chats_with_a_plain_user()
    {
        await using var server = await TestServer.StartAsync();
        var plain = await server.ConnectAsync();
        var home = Directory.CreateTempSubdirectory("charla-irssi-");
        try
        {
            var logs = Path.Combine(home.FullName, "logs");
            var lobbyLog = Path.Combine(logs, "#lobby.log");
            await File.WriteAllTextAsync(Path.Combine(home.FullName, "config"), Config(server.IrcEndPoint.Port, logs));
            using var irssi = TestProcess.StartProgram("script", ["-qfec", $"irssi --home='{home.FullName}'", "/dev/null"],
                new Dictionary<string, string> { ["TERM"] = "xterm" });

            await plain.ExpectAsync("* irssibot joined");
            await plain.ExpectAsync("irssibot: hello from irssi");

            await plain.SendLineAsync("hello from plain");
            await plain.ExpectAsync("(OK)");
            await ClientLog.Until(() => ClientLog.Says(lobbyLog, $"< {plain.Nick}> hello from plain"), "irssi never showed the plain user's line");

            // Typed at irssi's prompt, as a user would.
            await irssi.StandardInput.WriteAsync("/quit see you\r");
            await irssi.StandardInput.FlushAsync();
            await plain.ExpectAsync("* irssibot left (see you)");
            Assert.Equal(0, await irssi.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    /// <summary>
    /// irssi's config: the server, #lobby joined on connect with a line said on joining, the
    /// channel logged in <paramref name="logs"/> (as #lobby.log), and no delay between queued commands.
    /// </summary>
    private static string Config(int port, string logs) => $$"""
        servers = (
          { address = "127.0.0.1"; chatnet = "charla"; port = "{{port.ToString(CultureInfo.InvariantCulture)}}"; use_tls = "no"; autoconnect = "yes"; }
        );
        chatnets = { charla = { type = "IRC"; }; };
        channels = (
          { name = "#lobby"; chatnet = "charla"; autojoin = "yes"; autosendcmd = "/msg #lobby hello from irssi"; }
        );
        settings = {
          core = { real_name = "irssi user"; user_name = "irssi"; nick = "irssibot"; };
          "irc/core" = { cmd_queue_speed = "0msec"; };
          "fe-common/core" = { autolog = "yes"; autolog_path = "{{logs}}/$0.log"; };
        };
        """;
}
