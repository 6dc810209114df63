using Charla.Server.Configuration;

namespace Charla.Integration.Tests.Hosting;

/// <summary>Each out-of-range setting is named, with its value and the rule, in one line; the defaults are valid.</summary>
public sealed class OptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid() => Assert.Empty(CharlaOptionsValidator.Validate(new CharlaOptions()));

    [Fact]
    public void A_negative_epoll_loop_count_is_refused_and_zero_means_one_per_core()
    {
        var options = new CharlaOptions();
        options.Tcp.EpollLoops = -1;
        Assert.Equal(["Tcp:EpollLoops: -1 is below the minimum of 0."], CharlaOptionsValidator.Validate(options));

        options.Tcp.EpollLoops = 0;
        Assert.Empty(CharlaOptionsValidator.Validate(options));
    }
}
