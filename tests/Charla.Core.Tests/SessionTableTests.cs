using Charla.Core.Sessions;
using Charla.Core.Tests.Support;

namespace Charla.Core.Tests;

public sealed class SessionTableTests
{
    private readonly EngineOptions _options = new();

    [Fact]
    public void It_holds_exactly_the_sessions_added_and_not_removed_and_reuses_freed_slots()
    {
        var table = new SessionTable();
        var sessions = Enumerable.Range(0, 200).Select(_ => new RecordingSession(_options)).ToList();
        sessions.ForEach(table.Add); // past the first array: it grows

        var removed = sessions.Where((_, i) => i % 3 == 0).ToList();
        Assert.All(removed, s => Assert.True(table.Remove(s)));
        Assert.All(removed, s => Assert.False(table.Remove(s))); // idempotent
        var late = new RecordingSession(_options);
        table.Add(late);

        var expected = sessions.Except(removed).Append(late).ToHashSet<ClientSession>();
        Assert.Equal(expected, table.Values.ToHashSet());
        Assert.Equal(expected.Count, table.Values.Count());
        Assert.InRange(late.TableSlot, 0, 199); // a freed slot, not a new one
    }

    [Fact]
    public async Task Enumerating_while_others_add_and_remove_is_safe_and_sees_every_session_that_stays()
    {
        var table = new SessionTable();
        var staying = Enumerable.Range(0, 100).Select(_ => new RecordingSession(_options)).ToList();
        staying.ForEach(table.Add);

        var churn = Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                var passing = new RecordingSession(_options);
                table.Add(passing);
                table.Remove(passing);
            }
        });
        while (!churn.IsCompleted)
        {
            var seen = table.Values.ToHashSet();
            Assert.True(staying.All(seen.Contains));
        }

        await churn;
    }
}
