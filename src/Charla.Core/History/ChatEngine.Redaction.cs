using Charla.Core.Channels;
using Charla.Core.Nicknames;
using Charla.Core.Routing;
using Charla.Core.Sessions;
using Charla.Storage.History;

namespace Charla.Core;

/// <summary>The outcome of a redaction.</summary>
public enum RedactResult
{
    /// <summary>Taken out of history and search; the members were told.</summary>
    Redacted,
    /// <summary>No such message in the channel's history (or it is an event, not a message).</summary>
    UnknownMessage,
    /// <summary>The message is someone else's, and the redactor is not an operator.</summary>
    Forbidden,
    /// <summary>The redactor is no longer in the channel.</summary>
    NotMember,
    /// <summary>The members were told, but the store could not take the message out (it is still in history).</summary>
    NotStored,
}

/// <summary>Message redaction: who may take a message back, and taking it out of history in order with the rest.</summary>
public sealed partial class ChatEngine
{
    /// <summary>
    /// Takes back the message <paramref name="messageId"/> said in <paramref name="channel"/>, if
    /// <paramref name="actor"/> may: its sender, a channel operator or a server operator. The
    /// other members are told (<see cref="RedactEvent"/>) and the message leaves history and
    /// search; the event is returned for the actor's own copy. Without history nothing can be
    /// checked, so nothing is redacted.
    /// </summary>
    /// <exception cref="Storage.StorageException">History cannot be read now.</exception>
    public async Task<(RedactResult Result, RedactEvent? Redaction)> RedactAsync(ClientSession actor, Channel channel, string messageId, string reason)
    {
        if (_history is null)
        {
            return (RedactResult.UnknownMessage, null);
        }

        var conversation = channel.HistoryKey;
        var found = await _history.ReadAsync(new HistoryQuery(conversation, HistoryDirection.Around, HistoryAnchor.ById(messageId), 1));
        if (found is not [var message] || message.MessageId != messageId)
        {
            return (RedactResult.UnknownMessage, null);
        }

        if (!MayRedact(actor, channel, message))
        {
            return (RedactResult.Forbidden, null);
        }

        var redaction = new RedactEvent(actor, actor.Nick, channel, messageId, reason) { Time = Time.GetUtcNow() };
        var removal = new HistoryRemoval(conversation, messageId);
        if (!channel.Redact(redaction, actor, _history, removal))
        {
            return (RedactResult.NotMember, null);
        }

        return (await removal.WhenCompletedAsync() ? RedactResult.Redacted : RedactResult.NotStored, redaction);
    }

    /// <summary>
    /// Operators may take back anything said in their channel. A sender may take back its own
    /// message: same nick, user name and host as it was said with, said since this connection
    /// began (without accounts, that is what says a nick has not changed hands since).
    /// </summary>
    internal static bool MayRedact(ClientSession actor, Channel channel, HistoryRecord message) =>
        actor.IsServerOperator
        || channel.StatusOf(actor) == MemberStatus.Operator
        || (NickRules.Comparer.Equals(message.Nick, actor.Nick)
            && message.User == actor.UserName
            && message.Host == actor.Host
            && message.Time.ToUnixTimeMilliseconds() >= actor.ConnectedAt.ToUnixTimeMilliseconds()); // stored to the millisecond
}
