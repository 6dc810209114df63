using Charla.Protocols.Irc.Commands;
using Charla.Protocols.Irc.Help;
using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests.Irc;

/// <summary>HELP and HELPOP (modern.ircdocs.horse, HELP): 704, 705, 706 or 524.</summary>
public sealed class HelpTests
{
    [Theory]
    [InlineData("HELP")]
    [InlineData("HELPOP")]
    public async Task Without_a_subject_the_index_comes_as_704_705_706_naming_star(string command)
    {
        await using var server = InMemoryServer.Start();
        var nick = await server.RegisterIrcAsync("nick");

        await nick.SendAsync(command);

        var help = await nick.ReadUntilAsync(r => r.Command == "706");
        Assert.Equal("704", help[0].Command);
        Assert.All(help[1..^1], r => Assert.Equal("705", r.Command));
        Assert.All(help, r => Assert.Equal(["nick", "*"], r.Params.Take(2)));
        Assert.Contains(help, r => r.Last.Contains("PRIVMSG", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("HELP privmsg")]
    [InlineData("HELPOP PRIVMSG")]
    public async Task A_command_s_help_names_it_in_every_line(string line)
    {
        await using var server = InMemoryServer.Start();
        var nick = await server.RegisterIrcAsync("nick");

        await nick.SendAsync(line);

        var help = await nick.ReadUntilAsync(r => r.Command == "706");
        Assert.Equal(["704", .. Enumerable.Repeat("705", help.Count - 2), "706"], help.Select(r => r.Command));
        Assert.All(help, r => Assert.Equal(["nick", "PRIVMSG"], r.Params.Take(2)));
        Assert.StartsWith("PRIVMSG <target>", help[0].Last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_subject_gets_524()
    {
        await using var server = InMemoryServer.Start();
        var nick = await server.RegisterIrcAsync("nick");

        await nick.SendAsync("HELP THISISNOTACOMMAND");

        Assert.Equal(["nick", "THISISNOTACOMMAND", "No help available on this topic"], Assert.Single(await nick.FenceAsync()).Params);
    }

    [Fact]
    public void Every_command_the_server_understands_has_help_and_the_index_names_it()
    {
        var index = string.Join(' ', HelpText.Find(HelpText.Index)!);
        foreach (var command in IrcCommandTable.Names)
        {
            Assert.True(HelpText.Find(command) is { Count: >= 2 }, $"no help for {command}");
            Assert.Contains(command, index.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
    }
}
