using Charla.Protocols.Irc.Replies;

namespace Charla.Protocols.Irc.Commands;

/// <summary>METADATA SUB, UNSUB and SUBS: which keys' changes the client hears of.</summary>
public sealed partial class MetadataCommand
{
    /// <summary>
    /// Subscribes in order (the client lists its keys by preference): 770 with those taken
    /// (already subscribed counts), FAIL KEY_INVALID for bad ones, and FAIL TOO_MANY_SUBS naming
    /// the first key that did not fit, after which none are taken.
    /// </summary>
    private static void Subscribe(IrcContext context, IReadOnlyList<string> keys)
    {
        var session = context.Session;
        var subscriptions = session.MetadataSubscriptions ??= new HashSet<string>(StringComparer.Ordinal);
        var taken = new List<string>();
        foreach (var requested in keys)
        {
            if (Key(session, requested) is not { } key)
            {
                continue;
            }

            if (!subscriptions.Contains(key) && subscriptions.Count >= Capabilities.MetadataMaxSubscriptions)
            {
                Fail(session, "TOO_MANY_SUBS", [key], $"At most {Capabilities.MetadataMaxSubscriptions} subscriptions");
                break;
            }

            subscriptions.Add(key);
            taken.Add(key);
        }

        KeyLists(session, Numerics.RplMetadataSubOk, taken);
    }

    private static void Unsubscribe(IrcContext context, IReadOnlyList<string> keys)
    {
        var session = context.Session;
        var removed = new List<string>();
        foreach (var requested in keys)
        {
            if (Key(session, requested) is { } key)
            {
                session.MetadataSubscriptions?.Remove(key);
                removed.Add(key);
            }
        }

        KeyLists(session, Numerics.RplMetadataUnsubOk, removed);
    }

    private static void ListSubscriptions(IrcContext context)
    {
        var session = context.Session;
        var keys = session.MetadataSubscriptions?.Order(StringComparer.Ordinal).ToList() ?? [];
        ReplyBatch.Send(session, "metadata-subs", null, id => KeyLists(session, Numerics.RplMetadataSubs, keys, id));
    }
}
