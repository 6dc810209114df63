using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests.History;

/// <summary>A draft/multiline message to a channel is stored as one message and replayed as it was sent.</summary>
public sealed class MultilineHistoryTests : IDisposable
{
    private static readonly string[] Caps = ["message-tags", "batch", "echo-message", "server-time", "draft/chathistory"];
    private readonly StoredHistory _history = new();

    public void Dispose() => _history.Dispose();

    /// <summary>ana sends "first line" / "second " + (continued) "half" / "" / "last" to <paramref name="channel"/>; returns the server and the echo's msgid.</summary>
    private async Task<(InMemoryServer Server, string MessageId)> SentAsync(string channel = "#c")
    {
        var server = InMemoryServer.Start(plain: p => p.ReplayLines = 0, history: _history.Store);
        var ana = await server.RegisterIrcAsync("ana", [.. Caps, "draft/multiline"]);
        await ana.JoinAsync(channel);
        foreach (var line in (string[])[$"BATCH +m1 draft/multiline {channel}", $"@batch=m1 PRIVMSG {channel} :first line", $"@batch=m1 PRIVMSG {channel} :second ",
            $"@batch=m1;draft/multiline-concat PRIVMSG {channel} :half", $"@batch=m1 PRIVMSG {channel} :", $"@batch=m1 PRIVMSG {channel} :last", "BATCH -m1"])
        {
            await ana.SendAsync(line);
        }

        var echo = await ana.ExpectAsync("BATCH"); // the echo comes once it is stored
        await ana.ReadUntilAsync(r => r.Command == "BATCH");
        return (server, echo.Tag("msgid")!);
    }

    [Fact]
    public async Task A_client_with_multiline_reads_it_back_as_a_multiline_batch_inside_the_chathistory_batch()
    {
        var (server, msgid) = await SentAsync();
        await using var _ = server;
        var reader = await server.RegisterIrcAsync("reader", [.. Caps, "draft/multiline"]);
        await reader.JoinAsync("#c");

        await reader.SendAsync("CHATHISTORY LATEST #c * 10");
        var outer = (await reader.ExpectAsync("BATCH"))[0][1..];
        var lines = await reader.ReadUntilAsync(r => r.Command == "BATCH" && r[0] == "-" + outer);

        var start = lines[0];
        Assert.Equal(["draft/multiline", "#c"], start.Params.Skip(1));
        Assert.Equal(outer, start.Tag("batch"));
        Assert.Equal(msgid, start.Tag("msgid"));
        var inner = start[0][1..];
        Assert.Equal(["first line", "second ", "half", "", "last"], lines.Where(l => l.Command == "PRIVMSG").Select(l => l.Last));
        Assert.All(lines.Where(l => l.Command == "PRIVMSG"), l => Assert.Equal(inner, l.Tag("batch")));
        Assert.Equal("", lines.Single(l => l.Last == "half").Tag("draft/multiline-concat"));
        Assert.Equal(["-" + inner], lines[^2].Params);
        Assert.Equal(outer, lines[^2].Tag("batch"));
    }

    [Fact]
    public async Task A_client_without_multiline_reads_its_lines_one_by_one_and_plain_mode_shows_them()
    {
        var (server, msgid) = await SentAsync("#lobby");
        await using var _ = server;
        var reader = await server.RegisterIrcAsync("reader", Caps);
        await reader.JoinAsync("#lobby");

        await reader.SendAsync("CHATHISTORY LATEST #lobby * 10");
        await reader.ExpectAsync("BATCH");
        var lines = (await reader.ReadUntilAsync(r => r.Command == "BATCH"))[..^1];
        Assert.Equal(["first line", "second ", "half", "last"], lines.Select(l => l.Last));
        Assert.Equal([msgid, null, null, null], lines.Select(l => l.Tag("msgid")));

        Assert.Equal(["first line\nsecond \nhalf\n\nlast"], await _history.TextsAsync()); // what search reads

        var plain = await server.ConnectPlainAsync();
        await plain.SendLineAsync("/history");
        await plain.ExpectAsync("* The lobby's last lines (3 lines):");
        foreach (var line in (string[])["ana: first line", "ana: second half", "ana: last"])
        {
            Assert.EndsWith(line, await plain.ReadLineAsync());
        }
    }

    [Fact]
    public async Task A_labeled_batch_gets_its_echo_labeled_once_the_message_is_stored()
    {
        await using var server = InMemoryServer.Start(history: _history.Store);
        var ana = await server.RegisterIrcAsync("ana", [.. Caps, "labeled-response", "draft/multiline"]);
        await ana.JoinAsync("#c");

        foreach (var line in (string[])["@label=xyz BATCH +m1 draft/multiline #c", "@batch=m1 PRIVMSG #c :one", "@batch=m1 PRIVMSG #c :two", "BATCH -m1"])
        {
            await ana.SendAsync(line);
        }

        var start = await ana.ExpectAsync("BATCH");
        Assert.Equal("xyz", start.Tag("label"));
        Assert.Equal(["draft/multiline", "#c"], start.Params.Skip(1));
        Assert.Equal(["one", "two"], (await ana.ReadUntilAsync(r => r.Command == "BATCH"))[..^1].Select(r => r.Last));
        Assert.Equal(["one\ntwo"], await _history.TextsAsync(server.Engine.FindChannel("#c")!.HistoryKey));
    }
}
