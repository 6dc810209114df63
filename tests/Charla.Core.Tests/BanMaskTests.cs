using System.Net;
using Charla.Core.Bans;
using Charla.Storage.Bans;

namespace Charla.Core.Tests;

/// <summary>What server ban masks are accepted and whom they match; expiry.</summary>
public sealed class BanMaskTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private static ServerBan Ban(BanKind kind, string mask, DateTimeOffset? expires = null) => new(kind, mask, "r", "root", Now, expires);

    [Theory]
    [InlineData("*@203.0.113.7", "*@203.0.113.7")]
    [InlineData("~bob@*.example.org", "~bob@*.example.org")]
    [InlineData("*@203.0.113.77/24", "*@203.0.113.0/24")]
    [InlineData("nick", null)]
    [InlineData("a@b@c", null)]
    [InlineData("@host", null)]
    [InlineData("user@", null)]
    [InlineData("a b@c", null)]
    [InlineData("*@1.2.3.4/40", null)]
    public void User_host_masks_are_checked_and_networks_normalised(string given, string? stored) => Assert.Equal(stored, BanMasks.UserHost(given));

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("203.0.113.7/24", "203.0.113.0/24")]
    [InlineData("2001:db8::1/32", "2001:db8::/32")]
    [InlineData("300.1.1.1", null)]
    [InlineData("example.org", null)]
    [InlineData("10.0.0.0/33", null)]
    public void Address_masks_are_addresses_or_networks(string given, string? stored) => Assert.Equal(stored, BanMasks.Address(given));

    [Fact]
    public void A_user_host_ban_matches_by_wildcard_or_by_network_on_the_real_address()
    {
        var address = IPAddress.Parse("203.0.113.7");
        Assert.True(BanMasks.Matches(Ban(BanKind.UserHost, "*bob@203.0.113.7"), "~bob", "203.0.113.7", address));
        Assert.True(BanMasks.Matches(Ban(BanKind.UserHost, "*@203.0.113.0/24"), "~ana", "203.0.113.7", address));
        Assert.True(BanMasks.Matches(Ban(BanKind.UserHost, "*@203.0.113.*"), "~ana", "203.0.113.7", address));
        Assert.False(BanMasks.Matches(Ban(BanKind.UserHost, "*bob@203.0.113.7"), "~ana", "203.0.113.7", address));
        Assert.False(BanMasks.Matches(Ban(BanKind.UserHost, "*@198.51.100.0/24"), "~ana", "203.0.113.7", address));
    }

    [Fact]
    public void An_address_ban_matches_its_address_or_network_only()
    {
        Assert.True(BanMasks.Matches(Ban(BanKind.Address, "203.0.113.0/24"), "", "", IPAddress.Parse("203.0.113.200")));
        Assert.True(BanMasks.Matches(Ban(BanKind.Address, "2001:db8::/32"), "", "", IPAddress.Parse("2001:db8:5::1")));
        Assert.False(BanMasks.Matches(Ban(BanKind.Address, "203.0.113.7"), "", "", IPAddress.Parse("203.0.113.8")));
        Assert.False(BanMasks.Matches(Ban(BanKind.Address, "203.0.113.7"), "", "", null));
    }

    [Fact]
    public void A_timed_ban_holds_until_it_expires()
    {
        var list = new ServerBanList();
        var ban = Ban(BanKind.Address, "203.0.113.7", expires: Now.AddMinutes(5));
        list.Set(ban);

        Assert.Same(ban, list.FindAddress(IPAddress.Parse("203.0.113.7"), Now.AddMinutes(4)));
        Assert.Null(list.FindAddress(IPAddress.Parse("203.0.113.7"), Now.AddMinutes(5)));
    }
}
