using Charla.Integration.Tests.Support;

namespace Charla.Integration.Tests.Interop;

/// <summary>
/// IRC clients nobody in this project wrote (Python's irc library, Debian python3-irc; WeeChat,
/// Debian weechat-headless; irc-framework, from npm, on Node.js) register, join #lobby, talk
/// with a plain-mode user and with each other, and read history. ./test.sh installs them.
/// </summary>
public sealed class RealClientsTests
{
    /// <summary>The plain user says each line and has it acknowledged (stored).</summary>
    private static async Task SayAllAsync(PlainClient plain, params string[] lines)
    {
        foreach (var line in lines)
        {
            await plain.SendLineAsync(line);
            await plain.ExpectAsync("(OK)");
        }
    }

    /// <summary>Debian's own Python, which python3-irc installs into (not whatever python3 is first on PATH).</summary>
    private const string DebianPython = "/usr/bin/python3";

    /// <summary>The Node.js clients' folder, where ./test.sh installs their packages (npm ci).</summary>
    private static readonly string NodeClients = Path.Combine(RepositoryFiles.Root, "tests", "Charla.Integration.Tests", "Interop", "node");

    [LinuxFact("Debian's python3-irc")]
    public async Task Python_irc_reads_what_was_said_in_the_lobby_with_chathistory()
    {
        await using var server = await TestServer.StartAsync();
        var plain = await server.ConnectAsync();
        await SayAllAsync(plain, "first, before python came", "second, before python came");

        var port = server.IrcEndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var python = TestProcess.StartProgram(DebianPython,
            [Path.Combine(AppContext.BaseDirectory, "Interop", "python_chathistory.py"), "127.0.0.1", port, "histbot", "2"]);

        Assert.Equal(0, await python.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(
            [$"HISTORY {plain.Nick} first, before python came", $"HISTORY {plain.Nick} second, before python came"],
            python.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [LinuxFact("Node.js and irc-framework (npm)")]
    public async Task Irc_framework_reads_the_lobby_history_as_a_chathistory_batch()
    {
        await using var server = await TestServer.StartAsync();
        var plain = await server.ConnectAsync();
        await SayAllAsync(plain, "first, before node came", "second, before node came");

        var port = server.IrcEndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var node = TestProcess.StartProgram("node", [Path.Combine(NodeClients, "chathistory.mjs"), "127.0.0.1", port, "nodebot", "2"]);

        Assert.Equal(0, await node.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var lines = node.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("BATCH #lobby", lines[0]);
        Assert.Equal(3, lines.Length);
        string[] said = ["first, before node came", "second, before node came"];
        var msgids = new List<string>();
        for (var i = 0; i < said.Length; i++)
        {
            // "HISTORY <nick> <text> <time> <msgid>": the tags as the library parsed them.
            var fields = lines[i + 1].Split(' ');
            Assert.Equal($"HISTORY {plain.Nick} {said[i]}", string.Join(' ', fields[..^2]));
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", fields[^2]);
            Assert.False(string.IsNullOrEmpty(fields[^1]));
            msgids.Add(fields[^1]);
        }

        Assert.Equal(msgids.Count, msgids.Distinct().Count());
    }

    [LinuxFact("Debian's weechat-headless and python3-irc")]
    public async Task Python_irc_weechat_and_a_plain_user_chat_in_the_lobby()
    {
        await using var server = await TestServer.StartAsync();
        var plain = await server.ConnectAsync();
        var port = server.IrcEndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var weechatDir = Directory.CreateTempSubdirectory("charla-weechat-");
        try
        {
            using var weechat = StartWeeChat(weechatDir, port);
            await plain.ExpectAsync("* weebot joined");

            using var python = TestProcess.StartProgram(DebianPython,
                [Path.Combine(AppContext.BaseDirectory, "Interop", "python_irc_client.py"), "127.0.0.1", port, "pybot", plain.Nick, "weebot"]);
            await plain.ExpectAsync("* pybot joined");
            await plain.ExpectAsync("pybot: hello from python");

            await plain.SendLineAsync("hello from plain");
            await plain.ExpectAsync("(OK)");
            await File.WriteAllTextAsync(Fifo(weechatDir), "irc.charla.#lobby *hello from weechat\n");
            await plain.ExpectAsync("weebot: hello from weechat");

            Assert.Equal(0, await python.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.Contains($"NAMES {plain.Nick} weebot pybot", python.Stdout, StringComparison.Ordinal);
            Assert.Contains($"PUBMSG {plain.Nick} hello from plain", python.Stdout, StringComparison.Ordinal);
            Assert.Contains("PUBMSG weebot hello from weechat", python.Stdout, StringComparison.Ordinal);
            await plain.ExpectAsync("* pybot left (python done)");

            // WeeChat reads the same lines as the plain user but in its own time: wait for its log.
            var lobbyLog = Path.Combine(weechatDir.FullName, "logs", "irc.charla.#lobby.weechatlog");
            await ClientLog.Until(() => ClientLog.Says(lobbyLog, "\tpybot\thello from python"), "WeeChat never showed pybot's line");
            await ClientLog.Until(() => ClientLog.Says(lobbyLog, $"\t{plain.Nick}\thello from plain"), "WeeChat never showed the plain user's line");
            await ClientLog.Until(() => ClientLog.Says(lobbyLog, "pybot", "has quit"), "WeeChat never showed that pybot quit");

            await File.WriteAllTextAsync(Fifo(weechatDir), "*/quit\n");
            Assert.Equal(0, await weechat.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.StartsWith("* weebot left (", await plain.ReadLineAsync(), StringComparison.Ordinal);
        }
        finally
        {
            weechatDir.Delete(recursive: true);
        }
    }

    [LinuxFact("Debian's weechat-headless and python3-irc")]
    public async Task WeeChat_notify_watches_with_monitor_and_tells_when_a_friend_connects()
    {
        await using var server = await TestServer.StartAsync();
        var plain = await server.ConnectAsync();
        var port = server.IrcEndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var weechatDir = Directory.CreateTempSubdirectory("charla-weechat-");
        try
        {
            using var weechat = StartWeeChat(weechatDir, port, "/notify add friend charla");
            await plain.ExpectAsync("* weebot joined");
            var weebot = server.Engine.FindByNick("weebot")!;
            await ClientLog.Until(() => server.Engine.MonitorList(weebot).Contains("friend"), "WeeChat never sent MONITOR + friend");

            // WeeChat first hears 731 (friend offline) and says so; only then does friend come,
            // so the line the test waits for can only come from the 730 sent on registration.
            var serverLog = Path.Combine(weechatDir.FullName, "logs", "irc.server.charla.weechatlog");
            await ClientLog.Until(() => ClientLog.Says(serverLog, "notify: friend is offline"), "WeeChat never said that friend is offline");

            await using var friend = await server.RegisterIrcAsync("friend");

            // WeeChat writes "notify: friend (~user@host) has connected".
            await ClientLog.Until(() => ClientLog.Says(serverLog, "notify: friend (", "has connected"), "WeeChat's server buffer never said that friend connected");

            await File.WriteAllTextAsync(Fifo(weechatDir), "*/quit\n");
            Assert.Equal(0, await weechat.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            weechatDir.Delete(recursive: true);
        }
    }

    /// <summary>
    /// WeeChat, headless, in its own directory (logs flushed at once), as weebot, connected to
    /// the server and joining #lobby, then running <paramref name="then"/>.
    /// </summary>
    private static TestProcess StartWeeChat(DirectoryInfo directory, string port, string? then = null) =>
        TestProcess.StartProgram("weechat-headless",
        [
            "--dir", directory.FullName, "--run",
            "/set logger.file.flush_delay 0; /set irc.server_default.nicks weebot; " +
            $"/server add charla 127.0.0.1/{port} -notls; /set irc.server.charla.autojoin #lobby; /connect charla" + (then is null ? string.Empty : "; " + then),
        ]);

    /// <summary>WeeChat's command pipe (its fifo plugin): weechat_fifo_PID in its directory.</summary>
    private static string Fifo(DirectoryInfo weechatDir) =>
        Directory.GetFiles(weechatDir.FullName, "weechat_fifo_*").Single();
}
