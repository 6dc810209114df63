using Charla.Server.Transports;

namespace Charla.Integration.Tests.Transports;

/// <summary>How many connections the listeners take: the lower of Tcp:MaxConnections and what the descriptors allow.</summary>
public sealed class ConnectionSlotsTests
{
    [Theory]
    [InlineData(0, 20_000L, 180, 20_000 - 180 - ConnectionSlots.ReservedDescriptors)] // as many as the descriptors allow
    [InlineData(500, 20_000L, 180, 500)] // the configured cap is lower
    [InlineData(50_000, 1024L, 180, 1024 - 180 - ConnectionSlots.ReservedDescriptors)] // the descriptors are fewer than configured
    [InlineData(0, 200L, 180, 0)] // not even the reserve: none
    [InlineData(0, null, 180, int.MaxValue)] // no known limit
    [InlineData(7, null, 180, 7)]
    public void The_capacity_is_the_lower_of_the_configured_cap_and_the_descriptors_left(int configured, long? limit, int open, int expected) =>
        Assert.Equal(expected, ConnectionSlots.CapacityFor(configured, limit, open));

    [Fact]
    public void Slots_are_taken_up_to_the_capacity_and_given_back()
    {
        var slots = new ConnectionSlots(2);
        Assert.True(slots.TryTake());
        Assert.True(slots.TryTake());
        Assert.False(slots.TryTake());
        Assert.Equal(2, slots.Taken); // a refusal takes nothing
        slots.Return();
        Assert.True(slots.TryTake());
        Assert.False(slots.TryTake());
    }
}
