using Charla.Core.Channels;
using Charla.Core.History;
using Charla.Core.Routing;
using Charla.Core.Tests.Support;
using Charla.Storage.History;

namespace Charla.Core.Tests;

/// <summary>A channel's stored times never go back, so history's (time, seq) order is the order members saw.</summary>
public sealed class HistoryOrderTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private readonly EngineOptions _options = new();

    [Fact]
    public void A_message_stamped_before_one_that_overtook_it_is_moved_to_that_time_for_members_and_history_alike()
    {
        var log = new KeptLog();
        var channel = new Channel("#c", isLobby: false, Noon) { History = log };
        var sender = new RecordingSession(_options);
        var (late, early) = (Message(sender, channel, Noon.AddMilliseconds(5)), Message(sender, channel, Noon.AddMilliseconds(2)));

        channel.Broadcast(late.Event, except: null, log, late.Record);
        channel.Broadcast(early.Event, except: null, log, early.Record);

        Assert.Equal([Noon.AddMilliseconds(5), Noon.AddMilliseconds(5)], log.Records.Select(r => r.Time));
        Assert.Equal(Noon.AddMilliseconds(5), early.Event.Time);
        var inOrder = Message(sender, channel, Noon.AddMilliseconds(7));
        channel.Broadcast(inOrder.Event, except: null, log, inOrder.Record);
        Assert.Equal(Noon.AddMilliseconds(7), inOrder.Event.Time); // later ones keep their own
    }

    private static (MessageEvent Event, HistoryRecord Record) Message(RecordingSession sender, Channel channel, DateTimeOffset time)
    {
        var id = MessageIds.Next();
        var record = HistoryRecords.Message(sender, channel, "hi", MessageKind.Normal, string.Empty, id, time);
        return (new MessageEvent(sender, sender.Nick, channel, "hi", MessageKind.Normal) { Time = time, MessageId = id, Stored = record }, record);
    }

    /// <summary>A history log that keeps what it is given, in order (the channel's side of the contract only).</summary>
    private sealed class KeptLog : IHistoryLog
    {
        public List<HistoryRecord> Records { get; } = [];

        public void Append(HistoryRecord record) => Records.Add(record);

        public void Remove(HistoryRemoval removal) => throw new NotSupportedException();

        public void SetCompletionScope(Func<IDisposable> open)
        {
        }
    }
}
