using Charla.Core.Channels;
using Charla.Core.Sessions;

namespace Charla.Protocols.Irc.Replies;

/// <summary>
/// The metadata a client has subscribed to of a channel and its members, or of users, as
/// <c>METADATA &lt;target&gt; &lt;key&gt; * :&lt;value&gt;</c> lines: sent when a metadata-aware client
/// joins a channel, and for METADATA SYNC (inside its batch).
/// </summary>
public static class MetadataSync
{
    /// <param name="skipSelf">Leave out the client's own keys (on joining: it knows them).</param>
    public static void Send(IrcSession session, Channel? channel, IReadOnlyList<ClientSession> users, string? batchId, bool skipSelf)
    {
        if (session.MetadataSubscriptions is not { Count: > 0 } || !session.IsMetadataAware)
        {
            return;
        }

        if (channel is not null)
        {
            Send(session, channel.Name, channel.Metadata.All, batchId);
        }

        foreach (var user in users)
        {
            if (user.HasMetadata && !(skipSelf && ReferenceEquals(user, session)))
            {
                Send(session, user.Nick, user.Metadata.All, batchId);
            }
        }
    }

    /// <summary>Every pair of <paramref name="values"/> as METADATA lines, for the keys the client wants.</summary>
    public static void Send(IrcSession session, string target, IReadOnlyList<KeyValuePair<string, string>> values, string? batchId, bool subscribedOnly = true)
    {
        foreach (var (key, value) in values)
        {
            if (subscribedOnly && !session.WantsMetadata(key))
            {
                continue;
            }

            if (batchId is null)
            {
                session.Reply(session.Server.Name, "METADATA", null, [target, key, "*", value], trailing: true);
            }
            else
            {
                session.LineInBatch(batchId, session.Server.Name, "METADATA", null, [target, key, "*", value], trailing: true);
            }
        }
    }
}
