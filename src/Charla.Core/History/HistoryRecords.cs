using Charla.Core.Channels;
using Charla.Core.Routing;
using Charla.Core.Sessions;
using Charla.Storage.History;

namespace Charla.Core.History;

/// <summary>Core events as history keeps them.</summary>
internal static class HistoryRecords
{
    /// <summary>
    /// A channel event as history keeps it for draft/event-playback, or null for one it does not
    /// keep (away, real name, host changes, invitations).
    /// </summary>
    public static HistoryRecord? Event(ChatEvent chatEvent, Channel channel)
    {
        var (kind, text, detail) = chatEvent switch
        {
            JoinEvent => (HistoryKind.Join, string.Empty, string.Empty),
            PartEvent part => (HistoryKind.Part, part.Reason, string.Empty),
            QuitEvent quit => (HistoryKind.Quit, quit.Reason.Message, string.Empty),
            KickEvent kick => (HistoryKind.Kick, kick.Reason, kick.TargetNick),
            NickChangeEvent nick => (HistoryKind.Nick, string.Empty, nick.NewNick),
            TopicEvent topic => (HistoryKind.Topic, topic.Text, string.Empty),
            ChannelModeEvent mode => (HistoryKind.Mode, string.Empty, StoredModeChanges.Format(mode.Changes)),
            _ => (default(HistoryKind), string.Empty, string.Empty),
        };
        return kind == default ? null : new HistoryRecord
        {
            Conversation = channel.HistoryKey,
            Target = channel.Name,
            MessageId = chatEvent.MessageId,
            Time = chatEvent.Time,
            Kind = kind,
            Nick = chatEvent.SourceNick,
            User = chatEvent.Source.UserName,
            Host = chatEvent.Source.Host,
            Text = text,
            Detail = detail,
        };
    }

    /// <summary>
    /// A message of several lines (IRCv3 multiline) as one record: its lines joined by line
    /// breaks (what search and plain mode read), and in <see cref="HistoryRecord.Detail"/> which
    /// of them continue the line before (<see cref="MultilineDetail"/>), so it can be replayed as sent.
    /// </summary>
    public static HistoryRecord Multiline(ClientSession sender, Channel channel, IReadOnlyList<MessageLine> lines, string clientTags, string messageId, DateTimeOffset time)
        => Message(sender, channel, MultilineDetail.StoredText(lines), MessageKind.Normal, clientTags, messageId, time, MultilineDetail.Format(lines));

    public static HistoryRecord Message(
        ClientSession sender, Channel channel, string text, MessageKind kind, string clientTags, string messageId, DateTimeOffset time, string detail = "") => new()
    {
        Conversation = channel.HistoryKey,
        Target = channel.Name,
        MessageId = messageId,
        Time = time,
        Kind = kind switch
        {
            MessageKind.Action => HistoryKind.Action,
            MessageKind.Notice => HistoryKind.Notice,
            _ => HistoryKind.Privmsg,
        },
        Nick = sender.Nick,
        User = sender.UserName,
        Host = sender.Host,
        Text = text,
        ClientTags = clientTags,
        Detail = detail,
    };
}
