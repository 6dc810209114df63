using System.Net;
using Charla.Server.Admission;
using Microsoft.Extensions.Time.Testing;

namespace Charla.Integration.Tests.Admission;

/// <summary>Connections per address: at once and per window, IPv6 counted by /64, exemptions, bounded memory.</summary>
public sealed class AddressLimitsTests
{
    private readonly FakeTimeProvider _time = new();

    private AddressLimits Limits(int atOnce = 2, int perWindow = 0, bool exemptLocalhost = false, params string[] exempt) =>
        new(new ConnectionLimitOptions { MaxPerAddress = atOnce, MaxPerWindow = perWindow, WindowSeconds = 600, ExemptLocalhost = exemptLocalhost, Exempt = exempt }, _time);

    [Fact]
    public void Past_the_limit_at_once_an_address_is_refused_until_one_of_its_connections_ends()
    {
        var limits = Limits(atOnce: 2);
        var address = IPAddress.Parse("203.0.113.7");

        Assert.Null(limits.TryAdmit(address, out _));
        Assert.Null(limits.TryAdmit(address, out _));
        Assert.Equal("Too many connections from your address (2 at once)", limits.TryAdmit(address, out var first));
        Assert.True(first);
        Assert.NotNull(limits.TryAdmit(address, out var second));
        Assert.False(second); // only the first refusal is worth a log line
        Assert.Null(limits.TryAdmit(IPAddress.Parse("203.0.113.8"), out _)); // another address is not affected

        limits.Release(address);
        Assert.Null(limits.TryAdmit(address, out _));
    }

    [Fact]
    public void Past_the_limit_per_window_an_address_waits_for_the_window_to_pass()
    {
        var limits = Limits(atOnce: 0, perWindow: 3);
        var address = IPAddress.Parse("203.0.113.7");
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(limits.TryAdmit(address, out _));
            limits.Release(address);
        }

        Assert.Equal("Too many connections from your address (3 in 10 minutes); try again later", limits.TryAdmit(address, out _));
        _time.Advance(TimeSpan.FromMinutes(9));
        Assert.NotNull(limits.TryAdmit(address, out _));

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(limits.TryAdmit(address, out _));
    }

    [Fact]
    public void An_IPv6_slash_64_counts_as_one_address()
    {
        var limits = Limits(atOnce: 1);

        Assert.Null(limits.TryAdmit(IPAddress.Parse("2001:db8:1:2::1"), out _));
        Assert.NotNull(limits.TryAdmit(IPAddress.Parse("2001:db8:1:2:ffff::9"), out _));
        Assert.Null(limits.TryAdmit(IPAddress.Parse("2001:db8:1:3::1"), out _));
    }

    [Fact]
    public void Exempt_networks_and_localhost_by_default_are_not_counted()
    {
        var limits = Limits(atOnce: 1, exemptLocalhost: true, exempt: "198.51.100.0/24");
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(limits.TryAdmit(IPAddress.Loopback, out _));
            Assert.Null(limits.TryAdmit(IPAddress.IPv6Loopback, out _));
            Assert.Null(limits.TryAdmit(IPAddress.Parse("198.51.100.200"), out _));
        }

        Assert.Equal(0, limits.Remembered);
        Assert.Null(Limits(atOnce: 1).TryAdmit(IPAddress.Loopback, out _));
        var strict = Limits(atOnce: 1);
        strict.TryAdmit(IPAddress.Loopback, out _);
        Assert.NotNull(strict.TryAdmit(IPAddress.Loopback, out _));
    }

    [Fact]
    public void An_address_is_forgotten_once_it_has_nothing_open_and_its_window_passed()
    {
        var limits = Limits(atOnce: 5, perWindow: 5);
        for (var i = 0; i < 5000; i++)
        {
            var address = new IPAddress([10, (byte)(i >> 16), (byte)(i >> 8), (byte)i]);
            Assert.Null(limits.TryAdmit(address, out _));
            limits.Release(address);
        }

        Assert.Equal(5000, limits.Remembered); // within their window: still counted
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Null(limits.TryAdmit(IPAddress.Parse("10.200.0.1"), out _));

        Assert.Equal(1, limits.Remembered); // the crowd was swept on the way
    }
}
