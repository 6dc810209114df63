using Charla.Core.Sessions;

namespace Charla.Core.Routing;

/// <summary>Queues one event to many sessions, serialized once per wire form.</summary>
internal static class Fanout
{
    /// <summary>
    /// Queues <paramref name="chatEvent"/> to every session in <paramref name="recipients"/> but
    /// <paramref name="except"/> and those already in <paramref name="alreadyTold"/> (which it adds to). Never blocks: a recipient
    /// over its SendQ is closed, the others go on.
    /// </summary>
    /// <returns>How many recipients it was queued to (those whose protocol shows it).</returns>
    public static int Deliver(
        ReadOnlySpan<ClientSession> recipients,
        ChatEvent chatEvent,
        ClientSession? except,
        HashSet<ClientSession>? alreadyTold = null)
    {
        var delivered = 0;
        var cache = new WireFormCache(chatEvent);
        foreach (var recipient in recipients)
        {
            if (ReferenceEquals(recipient, except) || (alreadyTold is not null && !alreadyTold.Add(recipient)))
            {
                continue;
            }

            var bytes = cache.For(recipient.WireFormat);
            if (!bytes.IsEmpty)
            {
                recipient.Send(bytes);
                delivered++;
            }
        }

        return delivered;
    }
}
