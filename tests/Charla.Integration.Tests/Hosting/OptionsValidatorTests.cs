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

    [Fact]
    public void Negative_history_and_replay_settings_are_refused_each_by_name_and_zero_means_off()
    {
        var options = new CharlaOptions();
        options.History.AutoReplayLines = -1;
        options.History.RetentionDays = -2;
        options.History.MaxMessagesPerChannel = -3;
        options.Plain.ReplayLines = -4;
        Assert.Equal(
            [
                "Plain:ReplayLines: -4 is below the minimum of 0.",
                "History:AutoReplayLines: -1 is below the minimum of 0.",
                "History:RetentionDays: -2 is below the minimum of 0.",
                "History:MaxMessagesPerChannel: -3 is below the minimum of 0.",
            ],
            CharlaOptionsValidator.Validate(options));

        (options.History.AutoReplayLines, options.History.RetentionDays, options.History.MaxMessagesPerChannel, options.Plain.ReplayLines) = (0, 0, 0, 0);
        Assert.Empty(CharlaOptionsValidator.Validate(options));
    }

    [Fact]
    public void Operators_need_a_hash_a_known_class_and_known_privileges_and_a_password_in_clear_is_refused_with_the_fix()
    {
        var options = new CharlaOptions();
        options.Irc.OperatorClasses = new() { ["helpers"] = ["kill", "fly"] };
        options.Irc.Operators =
        [
            new() { Name = "root", Password = "s3cret" },
            new() { Name = "ana", PasswordHash = "s3cret" },
            new() { Name = "bob", PasswordHash = Charla.Core.Security.PasswordHash.Create("pw", 1_000), Class = "wizard" },
            new() { Name = "cy", PasswordHash = Charla.Core.Security.PasswordHash.Create("pw", 1_000), Class = "helpers" },
        ];

        Assert.Equal(
            [
                "Irc:OperatorClasses:helpers: unknown privilege \"fly\" (known: kill, ban, override, rehash, see-addresses, wallops, chghost).",
                "Irc:Operators:0:Password: passwords in clear are refused; run `charla hash-password` and put what it prints in Irc:Operators:0:PasswordHash.",
                "Irc:Operators:1:PasswordHash: missing or not a hash from `charla hash-password`.",
                "Irc:Operators:2:Class: unknown class \"wizard\" (known: admin, helpers, moderator).",
            ],
            CharlaOptionsValidator.Validate(options));
    }
}
