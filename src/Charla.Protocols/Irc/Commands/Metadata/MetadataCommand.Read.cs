using Charla.Protocols.Irc.Replies;

namespace Charla.Protocols.Irc.Commands;

/// <summary>METADATA GET, LIST and SYNC: reading a target's keys, in a metadata batch.</summary>
public sealed partial class MetadataCommand
{
    private static void Get(IrcContext context, Target target, IReadOnlyList<string> keys)
    {
        var session = context.Session;
        var values = target.Values;
        ReplyBatch.Send(session, "metadata", target.Name, id =>
        {
            foreach (var requested in keys)
            {
                if (Key(session, requested, id) is not { } key)
                {
                    continue;
                }

                if (values.Get(key) is { } value)
                {
                    KeyValue(session, id, target.Name, key, value);
                }
                else
                {
                    KeyNotSet(session, id, target.Name, key);
                }
            }
        });
    }

    private static void List(IrcContext context, Target target)
    {
        var session = context.Session;
        var values = target.Values;
        ReplyBatch.Send(session, "metadata", target.Name, id =>
        {
            foreach (var (key, value) in values.All)
            {
                KeyValue(session, id, target.Name, key, value);
            }
        });
    }

    /// <summary>The subscribed keys of the target (and, for a channel, of its members), as METADATA SYNC gives them.</summary>
    private static void Sync(IrcContext context, Target target)
    {
        var session = context.Session;
        ReplyBatch.Send(session, "metadata", target.Name, id => MetadataSync.Send(session, target.Channel, target.Channel?.Members ?? [target.User!], id, skipSelf: false));
    }
}
