using Charla.Protocols.Irc;
using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests.Irc;

/// <summary>
/// WHO by channel, exact nick and mask (modern.ircdocs.horse, WHO), with and without WHOX,
/// who is visible to whom (+i, +s), and the H/G, * and prefix flags.
/// </summary>
public sealed class WhoTests
{
    /// <summary>coolNick (user myusernam, real name "My UniqueReal Name") and otherNick, both in #chan; coolNick is its operator.</summary>
    private static async Task<(InMemoryServer Server, IrcClient Cool, IrcClient Other)> StartAsync()
    {
        var server = InMemoryServer.Start(irc => irc.Operators = [new IrcOperator { Name = "operuser", PasswordHash = TestPasswords.Hash("operpassword") }]);
        var cool = server.ConnectIrc();
        await cool.SendAsync("NICK coolNick");
        await cool.SendAsync("USER myusernam 0 * :My UniqueReal Name");
        await cool.ReadUntilAsync(r => r.Command is "376" or "422");
        await cool.JoinAsync("#chan");
        var other = await server.RegisterIrcAsync("otherNick");
        await other.JoinAsync("#chan");
        await cool.ExpectAsync("JOIN");
        return (server, cool, other);
    }

    private static async Task<List<IrcReply>> WhoAsync(IrcClient client, string arguments)
    {
        await client.SendAsync("WHO " + arguments);
        return await client.ReadUntilAsync(r => r.Command == "315");
    }

    [Theory]
    [InlineData("coolNick")]
    [InlineData("coolnick")]
    [InlineData("coolni*")]
    [InlineData("*usernam")]
    [InlineData("*UniqueReal*")]
    [InlineData("127.0.0.*")]
    [InlineData("charla.*")]
    public async Task A_nick_or_a_mask_on_nick_user_realname_host_or_server_finds_the_user(string mask)
    {
        var (server, cool, other) = await StartAsync();
        await using (server)
        {
            var who = await WhoAsync(other, mask);

            var found = who.Where(r => r.Command == "352").ToList();
            Assert.Contains(found, r => r[5] == "coolNick");
            var reply = found.Single(r => r[5] == "coolNick");
            Assert.Equal(["otherNick", "#chan", "~myusernam", "127.0.0.1", "charla.local", "coolNick", "H@", "0 My UniqueReal Name"], reply.Params);
            Assert.Equal(["otherNick", mask, "End of WHO list"], who[^1].Params); // the mask as sent, case kept
        }
    }

    [Theory]
    [InlineData("*")]
    [InlineData("0")]
    public async Task A_star_lists_every_visible_user(string mask)
    {
        var (server, _, other) = await StartAsync();
        await using (server)
        {
            var who = await WhoAsync(other, mask);
            Assert.Equal(["coolNick", "otherNick"], who.Where(r => r.Command == "352").Select(r => r[5]).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task An_invisible_user_is_found_by_exact_nick_or_by_those_who_share_a_channel_only()
    {
        var (server, cool, other) = await StartAsync();
        await using (server)
        {
            var stranger = await server.RegisterIrcAsync("stranger");
            await cool.SendAsync("MODE coolNick +i");
            await cool.ExpectAsync("MODE");

            Assert.DoesNotContain(await WhoAsync(stranger, "cool*"), r => r.Command == "352");
            Assert.DoesNotContain(await WhoAsync(stranger, "#chan"), r => r.Command == "352" && r[5] == "coolNick");
            var exact = (await WhoAsync(stranger, "coolNick")).Single(r => r.Command == "352");
            Assert.Equal("#chan", exact[1]);
            Assert.Contains(await WhoAsync(other, "cool*"), r => r.Command == "352" && r[5] == "coolNick"); // shares #chan
        }
    }

    [Fact]
    public async Task A_nick_that_does_not_exist_gets_only_the_end()
    {
        var (server, _, other) = await StartAsync();
        await using (server)
        {
            var who = await WhoAsync(other, "idontexist");
            Assert.Equal(["otherNick", "idontexist", "End of WHO list"], Assert.Single(who).Params);
        }
    }

    [Fact]
    public async Task Away_and_operator_flags_combine_as_g_star()
    {
        var (server, cool, other) = await StartAsync();
        await using (server)
        {
            await cool.SendAsync("OPER operuser operpassword");
            await cool.ReadUntilAsync(r => r.Command == "381");
            Assert.Equal("H*@", (await WhoAsync(other, "coolNick")).Single(r => r.Command == "352")[6]);
            await cool.SendAsync("AWAY :be right back");
            await cool.ExpectAsync("306");
            Assert.Equal("G*@", (await WhoAsync(other, "cool*")).Single(r => r.Command == "352")[6]);
            Assert.Equal(["coolNick"], (await WhoAsync(other, "* o")).Where(r => r.Command == "352").Select(r => r[5])); // operators only
        }
    }

    [Fact]
    public async Task Whox_returns_exactly_the_fields_asked_for_in_order_with_the_token()
    {
        var (server, _, other) = await StartAsync();
        await using (server)
        {
            var full = (await WhoAsync(other, "coolNick %tcuihsnfdlaor,123")).Single(r => r.Command == "354");
            Assert.Equal(["otherNick", "123", "#chan", "~myusernam", "127.0.0.1", "127.0.0.1", "charla.local", "coolNick", "H@", "0", "0", "0", "n/a", "My UniqueReal Name"], full.Params);
            var reversed = (await WhoAsync(other, "coolNick %roaldfnshiuct,123")).Single(r => r.Command == "354");
            Assert.Equal(full.Params, reversed.Params);
            var masked = await WhoAsync(other, "cool* %tn,321");
            Assert.Equal(["otherNick", "321", "coolNick"], masked.Single(r => r.Command == "354").Params);
        }
    }

    [Fact]
    public async Task A_secret_channel_shows_its_members_to_members_only()
    {
        var (server, cool, other) = await StartAsync();
        await using (server)
        {
            var stranger = await server.RegisterIrcAsync("stranger");
            await cool.SendAsync("MODE #chan +s");
            await other.ExpectAsync("MODE");

            Assert.Single(await WhoAsync(stranger, "#chan"));
            Assert.Equal("*", (await WhoAsync(stranger, "coolNick")).Single(r => r.Command == "352")[1]); // the channel is not shown
            Assert.Equal(2, (await WhoAsync(other, "#chan")).Count(r => r.Command == "352"));
        }
    }
}
