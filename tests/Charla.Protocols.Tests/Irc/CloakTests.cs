using Charla.Core.Security;
using Charla.Protocols.Irc;
using Charla.Protocols.Tests.Support;

namespace Charla.Protocols.Tests.Irc;

/// <summary>With cloaking on, nobody sees another's address but operators who may, in WHOIS 378; each user sees its own.</summary>
public sealed class CloakTests
{
    private static readonly HostCloak Cloak = new([.. Enumerable.Range(0, 32).Select(i => (byte)i)], "charla");
    private static readonly string Cloaked = Cloak.Apply(InMemoryServer.ClientHost);

    private static InMemoryServer Start() => InMemoryServer.Start(
        irc =>
        {
            irc.Operators =
            [
                new IrcOperator { Name = "root", PasswordHash = TestPasswords.Hash("s3cret") },
                new IrcOperator { Name = "helper", PasswordHash = TestPasswords.Hash("h3lp"), Class = "killers" },
            ];
            irc.OperatorClasses = new() { ["killers"] = ["kill"] };
        },
        cloak: Cloak);

    [Fact]
    public async Task Others_see_the_cloak_in_messages_whois_and_who_of_irc_and_plain_users()
    {
        await using var server = Start();
        var (alice, bob) = await server.IrcPairInChannelAsync("#lobby", "alice", "bob");
        var plain = await server.ConnectPlainAsync();
        await alice.ExpectAsync("JOIN");

        await plain.SendLineAsync("hi");
        Assert.Equal($"{plain.Nick}!plain@{Cloaked}", (await alice.ExpectAsync("PRIVMSG")).Source);
        await bob.SendAsync("PRIVMSG #lobby :hello");
        Assert.Equal($"bob!~bob@{Cloaked}", (await alice.ExpectAsync("PRIVMSG")).Source);

        await alice.SendAsync("WHOIS bob");
        var whois = await alice.ReadUntilAsync(r => r.Command == "318");
        Assert.Equal(Cloaked, whois.Single(r => r.Command == "311")[3]);
        Assert.DoesNotContain(whois, r => r.Command == "378" || r.Raw.Contains(InMemoryServer.ClientHost, StringComparison.Ordinal));
        await alice.SendAsync("WHO #lobby");
        Assert.All(await alice.ReadUntilAsync(r => r.Command == "315"), r => Assert.DoesNotContain(InMemoryServer.ClientHost, r.Raw, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_user_sees_its_own_address_and_operators_who_may_see_addresses_see_everyones()
    {
        await using var server = Start();
        var bob = await server.RegisterIrcAsync("bob");
        var admin = await server.RegisterIrcAsync("admin");
        var helper = await server.RegisterIrcAsync("helpful");
        await TestOperators.OperAsync(admin);
        await TestOperators.OperAsync(helper, "helper", "h3lp");
        var connectingFrom = $"is connecting from *@{InMemoryServer.ClientHost} {InMemoryServer.ClientHost}";

        await bob.SendAsync("WHOIS bob");
        Assert.Equal(["bob", "bob", connectingFrom], (await bob.ReadUntilAsync(r => r.Command == "378"))[^1].Params);
        await admin.SendAsync("WHOIS bob");
        Assert.Equal(["admin", "bob", connectingFrom], (await admin.ReadUntilAsync(r => r.Command == "378"))[^1].Params);
        await helper.SendAsync("WHOIS bob");
        Assert.DoesNotContain(await helper.ReadUntilAsync(r => r.Command == "318"), r => r.Command == "378");
    }
}
