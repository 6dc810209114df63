using Charla.Server.Memory;

namespace Charla.Integration.Tests.Memory;

/// <summary>When the policy says to give memory back: once per burst, only when quiet, only after growth.</summary>
public sealed class IdleTrimPolicyTests
{
    private const long KiB = 1024;
    private const long MiB = 1024 * KiB;

    // Quiet: under 100 KiB allocated per sample, two samples in a row; worth it: 4 MiB above the low point.
    private static IdleTrimPolicy Policy() => new(100 * KiB, 2, 4 * MiB);

    [Fact]
    public void Says_trim_once_when_the_server_goes_quiet_after_its_heap_grew()
    {
        var policy = Policy();
        var allocated = 0L;
        Assert.False(policy.Sample(allocated, 10 * MiB));

        // A burst: 50 MiB a sample, the heap grows to 30 MiB.
        for (var committed = 12; committed <= 30; committed += 6)
        {
            allocated += 50 * MiB;
            Assert.False(policy.Sample(allocated, committed * MiB));
        }

        Assert.False(policy.Sample(allocated, 30 * MiB)); // one quiet sample is not yet quiet
        Assert.True(policy.Sample(allocated + 10 * KiB, 30 * MiB));
        policy.Trimmed(16 * MiB);

        for (var i = 0; i < 10; i++)
        {
            Assert.False(policy.Sample(allocated + 10 * KiB, 16 * MiB));
        }
    }

    [Fact]
    public void Never_says_trim_while_clients_keep_the_server_busy()
    {
        var policy = Policy();
        var allocated = 0L;
        policy.Sample(allocated, 10 * MiB);
        for (var i = 0; i < 100; i++)
        {
            allocated += 200 * KiB;
            Assert.False(policy.Sample(allocated, 40 * MiB));
        }
    }

    [Fact]
    public void Does_not_trim_a_heap_that_did_not_grow_enough_to_be_worth_a_full_collection()
    {
        var policy = Policy();
        policy.Sample(0, 10 * MiB);
        policy.Sample(50 * MiB, 13 * MiB);
        for (var i = 0; i < 10; i++)
        {
            Assert.False(policy.Sample(50 * MiB, 13 * MiB));
        }
    }

    [Fact]
    public void Measures_growth_from_the_lowest_point_so_a_heap_that_shrank_by_itself_is_not_trimmed_again()
    {
        var policy = Policy();
        policy.Sample(0, 20 * MiB);
        policy.Sample(50 * MiB, 8 * MiB); // the GC gave memory back on its own
        policy.Sample(100 * MiB, 11 * MiB);
        Assert.False(policy.Sample(100 * MiB, 11 * MiB));
        Assert.False(policy.Sample(100 * MiB, 11 * MiB)); // 3 MiB above the low point: not worth it

        policy.Sample(150 * MiB, 13 * MiB);
        policy.Sample(150 * MiB, 13 * MiB);
        Assert.True(policy.Sample(150 * MiB, 13 * MiB)); // 5 MiB above it: trimmed
    }

    [Fact]
    public void A_second_burst_after_a_trim_is_trimmed_again()
    {
        var policy = Policy();
        policy.Sample(0, 10 * MiB);
        policy.Sample(50 * MiB, 20 * MiB);
        policy.Sample(50 * MiB, 20 * MiB);
        Assert.True(policy.Sample(50 * MiB, 20 * MiB));
        policy.Trimmed(11 * MiB);

        policy.Sample(100 * MiB, 18 * MiB);
        Assert.False(policy.Sample(100 * MiB, 18 * MiB));
        Assert.True(policy.Sample(100 * MiB, 18 * MiB));
    }
}
