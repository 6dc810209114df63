using Charla.Protocols.Irc;
using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests.Irc;

/// <summary>RENAME (ircv3.net/specs/extensions/channel-rename, draft/channel-rename) and its fallback.</summary>
public sealed class RenameTests
{
    [Fact]
    public async Task Members_with_the_cap_see_rename_and_others_a_part_and_a_join_with_topic_and_names()
    {
        await using var server = InMemoryServer.Start();
        var (bar, baz) = await server.IrcPairInChannelAsync("#bar", "bar", "baz");
        await bar.SendAsync("CAP REQ " + Capabilities.ChannelRename);
        await bar.ExpectAsync("CAP");
        await bar.SendAsync("TOPIC #bar :kept");
        await bar.SendAsync("MODE #bar +m");
        await bar.FenceAsync();
        await baz.FenceAsync();

        await bar.SendAsync("RENAME #bar #qux :no reason");

        Assert.Equal(["#bar", "#qux", "no reason"], (await bar.ExpectAsync("RENAME")).Params);
        var fallback = await baz.ReadUntilAsync(r => r.Command == "366");
        Assert.Equal(["PART", "JOIN", "332", "333", "353", "366"], fallback.Select(r => r.Command));
        Assert.Equal(["#bar", "no reason"], fallback[0].Params);
        Assert.Equal("baz!~baz@127.0.0.1", fallback[0].Source);
        Assert.Equal(["#qux"], fallback[1].Params);
        Assert.Equal("kept", fallback[2].Last);
        Assert.Equal("@bar baz", fallback[4].Last);
        Assert.Null(server.Engine.FindChannel("#bar"));
        Assert.Equal("+mnt", server.Engine.FindChannel("#qux") is { } qux ? Irc(qux.Modes) : null);

        // The old name is free: whoever joins it makes a new channel and is its operator.
        await baz.JoinAsync("#bar");
        await baz.SendAsync("MODE #bar +k beer");
        Assert.Equal(["#bar", "+k", "beer"], (await baz.ExpectAsync("MODE")).Params);
    }

    [Fact]
    public async Task Without_a_reason_the_rename_line_has_an_empty_one_and_a_case_change_sends_no_fallback()
    {
        await using var server = InMemoryServer.Start();
        var (bar, baz) = await server.IrcPairInChannelAsync("#coding", "bar", "baz");
        await bar.SendAsync("CAP REQ " + Capabilities.ChannelRename);
        await bar.ExpectAsync("CAP");

        await bar.SendAsync("RENAME #coding #programming");
        Assert.Equal(["#coding", "#programming", ""], (await bar.ExpectAsync("RENAME")).Params);
        Assert.Equal(["#coding"], (await baz.ExpectAsync("PART")).Params);
        await baz.ReadUntilAsync(r => r.Command == "366");

        await bar.SendAsync("RENAME #programming #Programming :case");
        Assert.Equal(["#programming", "#Programming", "case"], (await bar.ExpectAsync("RENAME")).Params);
        Assert.Empty(await baz.FenceAsync());
        Assert.Equal("#Programming", server.Engine.FindChannel("#PROGRAMMING")!.Name);
    }

    [Fact]
    public async Task Refusals_name_the_reason()
    {
        await using var server = InMemoryServer.Start();
        var (bar, baz) = await server.IrcPairInChannelAsync("#evil", "bar", "baz");
        await bar.JoinAsync("#good");
        await bar.JoinAsync("#lobby");

        await baz.SendAsync("RENAME #evil #nice");
        Assert.Equal(["baz", "#evil", "You're not channel operator"], (await baz.ExpectAsync("482")).Params);
        await bar.SendAsync("RENAME #evil #good :Don't be evil");
        Assert.Equal(["RENAME", "CHANNEL_NAME_IN_USE", "#evil", "#good", "The channel name is already taken"], (await bar.ExpectAsync("FAIL")).Params);
        await bar.SendAsync("RENAME #evil bad");
        Assert.Equal(["RENAME", "CANNOT_RENAME", "#evil", "bad"], (await bar.ExpectAsync("FAIL")).Params.Take(4));
        await bar.SendAsync("RENAME #lobby #hall");
        Assert.Equal("482", (await bar.ExpectAsync("482")).Command); // nobody operates the lobby
        await bar.SendAsync("RENAME #good #LOBBY");
        Assert.Equal(["RENAME", "CANNOT_RENAME", "#good", "#LOBBY", "The lobby keeps its name"], (await bar.ExpectAsync("FAIL")).Params);
        await bar.SendAsync("RENAME #nowhere #else");
        Assert.Equal("403", (await bar.ExpectAsync("403")).Command);
        Assert.Empty(await baz.FenceAsync());
    }

    private static string Irc(Charla.Core.Channels.ChannelModes modes) => ChannelModeLetters.Describe(modes, showKey: true)[0];
}
