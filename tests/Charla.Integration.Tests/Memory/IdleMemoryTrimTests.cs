using Charla.Integration.Tests.Support;
using Charla.Server.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Charla.Integration.Tests.Memory;

/// <summary>The tests that watch this process's heap: alone, so that no other test allocates meanwhile.</summary>
[CollectionDefinition(nameof(ProcessHeap), DisableParallelization = true)]
public sealed class ProcessHeap;

/// <summary>A real server gives its heap's empty pages back when it goes quiet after a burst, and not while busy.</summary>
[Collection(nameof(ProcessHeap))]
public sealed class IdleMemoryTrimTests
{
    private const int MiB = 1024 * 1024;

    // Where the busy phase's garbage goes, so that each array really is allocated on the heap
    // (the JIT may put an array that never escapes on the stack).
    private static byte[]? s_sink;

    [Fact]
    public async Task After_a_burst_that_grew_the_heap_the_quiet_server_trims_it_once_and_not_while_it_is_busy()
    {
        // A fresh server's heap is small. This process's is not: the tests before this one leave
        // free regions committed, which the burst below would reuse without growing the heap.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        await using var server = await TestServer.StartAsync();
        var trim = server.Services.GetRequiredService<IdleMemoryTrimService>();
        var trimsBefore = trim.Trims;

        // The burst: 64 MiB of small objects that live through the busy time (as sessions and
        // their garbage live through a wave of logins) and die when it ends. While they live no
        // collection can free them, so the heap is as grown as the burst left it when all goes quiet.
        var burst = new List<byte[]>();
        for (var i = 0; i < 64 * 1024; i++)
        {
            burst.Add(new byte[1024]);
        }

        // Still busy: 4 MiB a second for 3 seconds. Nothing may be trimmed meanwhile.
        for (var i = 0; i < 30; i++)
        {
            for (var j = 0; j < 400; j++)
            {
                s_sink = new byte[1024];
            }

            await Task.Delay(100);
        }

        Assert.Equal(trimsBefore, trim.Trims);
        GC.KeepAlive(burst);
        burst = null;
        s_sink = null;
        var committedBusy = GC.GetGCMemoryInfo().TotalCommittedBytes;

        // Quiet: a trim within a few seconds, one only, and the heap is smaller after it.
        for (var i = 0; i < 100 && trim.Trims == trimsBefore; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(trimsBefore + 1, trim.Trims);
        var committedAfter = GC.GetGCMemoryInfo().TotalCommittedBytes;
        Assert.True(committedAfter < committedBusy - 16L * MiB, $"committed {committedBusy / MiB} MiB before the trim, {committedAfter / MiB} MiB after");
        await Task.Delay(2000);
        Assert.Equal(trimsBefore + 1, trim.Trims);
    }

    [Fact]
    public async Task Trimming_can_be_turned_off()
    {
        await using var server = await TestServer.StartAsync(("Memory:TrimWhenIdle", "false"));
        Assert.Null(server.Services.GetService<IdleMemoryTrimService>());
    }
}
