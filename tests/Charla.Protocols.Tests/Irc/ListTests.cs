using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests.Irc;

/// <summary>LIST and its ELIST=CMNTU conditions (modern.ircdocs.horse "ELIST"), on the fake clock.</summary>
public sealed class ListTests
{
    private static async Task<HashSet<string>> ListAsync(IrcClient client, string arguments)
    {
        await client.SendAsync(("LIST " + arguments).TrimEnd());
        var replies = await client.ReadUntilAsync(r => r.Command == "323");
        Assert.Equal("321", replies[0].Command);
        return [.. replies.Where(r => r.Command == "322").Select(r => r[1])];
    }

    [Fact]
    public async Task Elist_is_advertised()
    {
        await using var server = InMemoryServer.Start();
        Assert.Contains("ELIST=CMNTU", server.Irc.ISupport);
    }

    [Fact]
    public async Task Names_masks_and_negated_masks_select_channels()
    {
        await using var server = InMemoryServer.Start();
        var foo = await server.RegisterIrcAsync("foo");
        await foo.JoinAsync("#chan1");
        await foo.JoinAsync("#chan2");
        var bar = await server.RegisterIrcAsync("bar");

        Assert.Equal(["#chan1"], await ListAsync(bar, "*an1"));
        Assert.Equal(["#chan2"], await ListAsync(bar, "#c*n2"));
        Assert.Empty(await ListAsync(bar, "*an3"));
        Assert.Equal(["#chan1", "#chan2"], await ListAsync(bar, "#ch*"));
        Assert.Equal(["#chan2"], await ListAsync(bar, "!*an1"));
        Assert.Equal(["#chan1", "#chan2"], await ListAsync(bar, "!*an3"));
        Assert.Empty(await ListAsync(bar, "!#ch*"));
        Assert.Equal(["#chan2"], await ListAsync(bar, "#CHAN2,#nonexistent"));
        Assert.Empty(await ListAsync(bar, "#nonexistent"));
    }

    [Fact]
    public async Task Member_counts_select_channels()
    {
        await using var server = InMemoryServer.Start();
        var foo = await server.RegisterIrcAsync("foo");
        await foo.JoinAsync("#chan1");
        await foo.JoinAsync("#chan2");
        var bar = await server.RegisterIrcAsync("bar");
        await bar.JoinAsync("#chan2");

        Assert.Equal(["#chan1", "#chan2"], await ListAsync(bar, ">0"));
        Assert.Empty(await ListAsync(bar, "<1"));
        Assert.Equal(["#chan2"], await ListAsync(bar, ">1"));
        Assert.Equal(["#chan1"], await ListAsync(bar, "<2"));
        Assert.Equal(["#chan2"], await ListAsync(bar, "#ch* >1,<3"));
    }

    [Fact]
    public async Task Creation_time_selects_channels_created_more_or_less_than_n_minutes_ago()
    {
        await using var server = InMemoryServer.Start();
        var foo = await server.RegisterIrcAsync("foo");
        await foo.JoinAsync("#chan1");
        server.Time.Advance(TimeSpan.FromMinutes(2));
        await foo.JoinAsync("#chan2");
        server.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(["#chan1"], await ListAsync(foo, "C>2"));
        Assert.Equal(["#chan2"], await ListAsync(foo, "C<2"));
        Assert.Empty(await ListAsync(foo, "C<0"));
        Assert.Equal(["#chan1", "#chan2"], await ListAsync(foo, "C>0"));
        Assert.Equal(["#chan1", "#chan2"], await ListAsync(foo, "C<10"));
    }

    [Fact]
    public async Task Topic_time_selects_channels_whose_topic_was_set_more_or_less_than_n_minutes_ago()
    {
        await using var server = InMemoryServer.Start();
        var foo = await server.RegisterIrcAsync("foo");
        await foo.JoinAsync("#chan1");
        await foo.JoinAsync("#chan2");
        await foo.JoinAsync("#notopic");
        await foo.SendAsync("TOPIC #chan1 :First channel");
        await foo.ExpectAsync("TOPIC");
        server.Time.Advance(TimeSpan.FromMinutes(2));
        await foo.SendAsync("TOPIC #chan2 :Second channel");
        await foo.ExpectAsync("TOPIC");
        server.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(["#chan1"], await ListAsync(foo, "T>2"));
        Assert.Equal(["#chan2"], await ListAsync(foo, "T<2"));
        Assert.Empty(await ListAsync(foo, "T<0"));
        Assert.Equal(["#chan1", "#chan2"], await ListAsync(foo, "T>0"));
        Assert.Equal(["#chan1", "#chan2", "#notopic"], await ListAsync(foo, string.Empty));
    }

    [Fact]
    public async Task A_secret_channel_is_listed_to_its_members_only()
    {
        await using var server = InMemoryServer.Start();
        var foo = await server.RegisterIrcAsync("foo");
        await foo.JoinAsync("#hidden");
        await foo.SendAsync("MODE #hidden +s");
        await foo.ExpectAsync("MODE");
        var bar = await server.RegisterIrcAsync("bar");

        Assert.Empty(await ListAsync(bar, string.Empty));
        Assert.Equal(["#hidden"], await ListAsync(foo, string.Empty));
    }
}
