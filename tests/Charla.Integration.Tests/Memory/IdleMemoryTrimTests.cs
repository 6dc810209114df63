using Charla.Integration.Tests.Support;
using Charla.Server.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Charla.Integration.Tests.Memory;

/// <summary>
/// The trim service samples the heap on its clock and compacts it once when the server goes
/// quiet after a burst, never while busy: on a fake clock with a scripted heap, since the real
/// GC's timing is not something a test can wait on. (What a trim saves is measured by the
/// benchmark, bench/RESULTS.md.)
/// </summary>
public sealed class IdleMemoryTrimTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task After_a_burst_that_grew_the_heap_the_quiet_server_trims_it_once_and_not_while_it_is_busy()
    {
        var time = new WatchedFakeTime();
        var heap = new ScriptedHeap { Committed = 10 * MiB };
        using var service = new IdleMemoryTrimService(time, heap, NullLogger<IdleMemoryTrimService>.Instance);
        await service.StartAsync(CancellationToken.None);
        await heap.SampledAsync(); // the first sample, on start: the heap before any client
        await time.WaitForTimerAsync();

        // Busy: 50 MiB allocated per half second while the heap grows to 40 MiB. (A sample's
        // trim is done once the next sample is taken: the service samples one at a time.)
        for (var i = 0; i < 6; i++)
        {
            heap.Allocated += 50 * MiB;
            heap.Committed += 5 * MiB;
            await heap.NextSampleAsync(time);
        }

        await heap.NextSampleAsync(time); // quiet for one sample: not yet
        Assert.Equal(0, service.Trims);
        heap.CommittedAfterCompact = 12 * MiB;
        await heap.NextSampleAsync(time); // quiet for two: trim
        await heap.NextSampleAsync(time);
        Assert.Equal(1, service.Trims);
        Assert.Equal(1, heap.Compactions);

        for (var i = 0; i < 10; i++)
        {
            heap.Allocated += 10 * 1024;
            await heap.NextSampleAsync(time);
        }

        Assert.Equal(1, service.Trims);
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Trimming_can_be_turned_off()
    {
        await using var server = await TestServer.StartAsync(("Memory:TrimWhenIdle", "false"));
        Assert.Null(server.Services.GetService<IdleMemoryTrimService>());
    }

    /// <summary>A heap whose figures the test sets, and which tells when the service has read them.</summary>
    private sealed class ScriptedHeap : IManagedHeap
    {
        private readonly SemaphoreSlim _sampled = new(0);

        public long Allocated { get; set; }

        public long Committed { get; set; }

        /// <summary>What the heap holds after the next compaction.</summary>
        public long CommittedAfterCompact { get; set; }

        public int Compactions { get; private set; }

        public long TotalAllocatedBytes
        {
            get
            {
                _sampled.Release(); // read once per sample, first
                return Allocated;
            }
        }

        public long CommittedBytes => Committed;

        public void Compact()
        {
            Compactions++;
            Committed = CommittedAfterCompact;
        }

        public async Task SampledAsync() => Assert.True(await _sampled.WaitAsync(PlainClient.DefaultTimeout), "the service took no sample");

        /// <summary>Moves the clock one sampling period and waits for the sample it brings.</summary>
        public async Task NextSampleAsync(WatchedFakeTime time)
        {
            time.Advance(TimeSpan.FromMilliseconds(500));
            await SampledAsync();
        }
    }
}
