using Charla.Core.Security;

namespace Charla.Core.Tests;

/// <summary>Cloaks: stable per address and key, one per IPv6 /64, nothing to read back, addresses only.</summary>
public sealed class HostCloakTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private readonly HostCloak _cloak = new(Key, "charla");

    [Fact]
    public void An_address_always_gets_the_same_cloak_and_another_address_another()
    {
        var cloak = _cloak.Apply("203.0.113.7");

        Assert.Matches(@"^[a-z2-7]{16}\.charla$", cloak);
        Assert.Equal(cloak, new HostCloak([.. Key], "charla").Apply("203.0.113.7"));
        Assert.NotEqual(cloak, _cloak.Apply("203.0.113.8"));
        Assert.Equal(cloak, _cloak.Apply("::ffff:203.0.113.7"));
        Assert.DoesNotContain("203", cloak, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_key_gives_other_cloaks()
    {
        var otherKey = Key.ToArray();
        otherKey[0] ^= 1;

        Assert.NotEqual(_cloak.Apply("203.0.113.7"), new HostCloak(otherKey, "charla").Apply("203.0.113.7"));
    }

    [Fact]
    public void A_whole_IPv6_slash_64_shares_one_cloak()
    {
        Assert.Equal(_cloak.Apply("2001:db8:1:2::1"), _cloak.Apply("2001:db8:1:2:ffff:ffff:ffff:ffff"));
        Assert.NotEqual(_cloak.Apply("2001:db8:1:2::1"), _cloak.Apply("2001:db8:1:3::1"));
    }

    [Fact]
    public void What_is_not_an_address_and_everything_with_cloaking_off_stays_as_it_is()
    {
        Assert.Equal("test.host", _cloak.Apply("test.host"));
        Assert.Equal("203.0.113.7", HostCloak.None.Apply("203.0.113.7"));
    }
}
