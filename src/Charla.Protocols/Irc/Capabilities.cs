namespace Charla.Protocols.Irc;

/// <summary>
/// The IRCv3 capabilities Charla offers (ircv3.net/irc). <c>CAP LS</c> lists exactly these:
/// each one works as its specification says, and has a test.
/// </summary>
public static class Capabilities
{
    /// <summary>cap-notify: the server may announce new or removed capabilities (implied by CAP LS 302).</summary>
    public const string CapNotify = "cap-notify";

    /// <summary>multi-prefix: NAMES and WHO show every prefix a member has, highest first.</summary>
    public const string MultiPrefix = "multi-prefix";

    /// <summary>userhost-in-names: NAMES entries are nick!user@host.</summary>
    public const string UserhostInNames = "userhost-in-names";

    /// <summary>echo-message: the sender of a PRIVMSG or NOTICE gets it back as the others do.</summary>
    public const string EchoMessage = "echo-message";

    /// <summary>away-notify: members of shared channels are told when a user goes away or comes back.</summary>
    public const string AwayNotify = "away-notify";

    /// <summary>message-tags: tags on messages (msgid, client-only tags) and TAGMSG.</summary>
    public const string MessageTags = "message-tags";

    /// <summary>server-time: a time tag on every event.</summary>
    public const string ServerTime = "server-time";

    /// <summary>extended-join: JOIN with the account name and real name.</summary>
    public const string ExtendedJoin = "extended-join";

    /// <summary>invite-notify: invitations to the client's channels.</summary>
    public const string InviteNotify = "invite-notify";

    /// <summary>setname: the SETNAME command and real-name changes of peers.</summary>
    public const string Setname = "setname";

    /// <summary>chghost: user name and host changes of peers, as CHGHOST.</summary>
    public const string Chghost = "chghost";

    /// <summary>batch: grouped replies (here, labeled responses of several lines).</summary>
    public const string Batch = "batch";

    /// <summary>labeled-response: replies to a command sent with a label tag carry that label.</summary>
    public const string LabeledResponse = "labeled-response";

    /// <summary>
    /// draft/extended-monitor: AWAY, SETNAME and CHGHOST of monitored nicks too, for clients that
    /// also have away-notify, setname or chghost. A work-in-progress specification: its name
    /// carries the draft/ prefix, as the specification asks.
    /// </summary>
    public const string ExtendedMonitor = "draft/extended-monitor";

    /// <summary>draft/channel-rename: the client understands RENAME (a work-in-progress specification, hence draft/).</summary>
    public const string ChannelRename = "draft/channel-rename";

    /// <summary>
    /// draft/multiline: messages of several lines as client and server batches
    /// (ircv3.net/specs/extensions/multiline, a work-in-progress specification: draft/ names).
    /// Needs batch too; its value gives the limits.
    /// </summary>
    public const string Multiline = "draft/multiline";

    /// <summary>Most bytes of a multiline message, its line breaks included (draft/multiline max-bytes). 4096 as ergo.</summary>
    public const int MultilineMaxBytes = 4096;

    /// <summary>Most lines in a multiline message (draft/multiline max-lines). 32 as ergo.</summary>
    public const int MultilineMaxLines = 32;

    /// <summary>
    /// draft/metadata-2: key-value metadata on users and channels, and subscriptions to changes
    /// (github.com/ircv3/ircv3-specifications/pull/501). Needs batch too. METADATA works before
    /// registration (before-connect); its value gives the limits.
    /// </summary>
    public const string Metadata = "draft/metadata-2";

    /// <summary>draft/chathistory: the client reads history with CHATHISTORY (offered when the server keeps history).</summary>
    public const string ChatHistory = "draft/chathistory";

    /// <summary>draft/event-playback: CHATHISTORY replays channel events (JOIN, PART, KICK, TOPIC, MODE) too, not only messages.</summary>
    public const string EventPlayback = "draft/event-playback";

    /// <summary>soju.im/search: the client searches history with SEARCH (soju, goguma, senpai).</summary>
    public const string Search = "soju.im/search";

    /// <summary>draft/message-redaction: REDACT takes a message back (from history too), and the client is told of others'.</summary>
    public const string MessageRedaction = "draft/message-redaction";

    /// <summary>The capabilities a server that keeps history adds to <see cref="Supported"/> (a redaction is checked against history).</summary>
    public static readonly IReadOnlySet<string> History = new HashSet<string>(StringComparer.Ordinal) { ChatHistory, EventPlayback, MessageRedaction, Search };

    /// <summary>Keys one client may subscribe to (metadata max-subs).</summary>
    public const int MetadataMaxSubscriptions = 50;

    /// <summary>
    /// Longest metadata value a client may set, in bytes (max-value-bytes). 300 as UnrealIRCd:
    /// enough for a display name or an avatar's address, and a METADATA line always fits 512 bytes.
    /// </summary>
    public const int MetadataMaxValueBytes = 300;

    public static readonly IReadOnlySet<string> Supported = new HashSet<string>(StringComparer.Ordinal)
    {
        AwayNotify, Batch, CapNotify, ChannelRename, Chghost, EchoMessage, ExtendedJoin, ExtendedMonitor, InviteNotify, LabeledResponse,
        MessageTags, Metadata, MultiPrefix, Multiline, ServerTime, Setname, UserhostInNames,
    };

    /// <summary>The wire-form features the enabled capabilities ask for.</summary>
    public static IrcFeatures FeaturesOf(IReadOnlyCollection<string> enabled)
    {
        var features = IrcFeatures.None;
        foreach (var (cap, feature) in new[]
        {
            (MessageTags, IrcFeatures.MessageTags), (ServerTime, IrcFeatures.ServerTime), (ExtendedJoin, IrcFeatures.ExtendedJoin),
            (AwayNotify, IrcFeatures.AwayNotify), (InviteNotify, IrcFeatures.InviteNotify), (Setname, IrcFeatures.Setname),
            (Chghost, IrcFeatures.Chghost), (ExtendedMonitor, IrcFeatures.ExtendedMonitor),
            (ChannelRename, IrcFeatures.ChannelRename), (MessageRedaction, IrcFeatures.MessageRedaction),
        })
        {
            if (enabled.Contains(cap))
            {
                features |= feature;
            }
        }

        // A multiline batch is a batch: without batch, the client gets the lines one by one.
        if (enabled.Contains(Multiline) && enabled.Contains(Batch))
        {
            features |= IrcFeatures.Multiline;
        }

        return features;
    }

    /// <summary>
    /// Values shown with a capability in CAP LS 302 and cap-notify (capability-negotiation:
    /// "name=value"); capabilities without one are absent.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Values(int maxMetadataKeys) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Multiline] = $"max-bytes={MultilineMaxBytes},max-lines={MultilineMaxLines}",
        [Metadata] = $"before-connect,max-subs={MetadataMaxSubscriptions},max-keys={maxMetadataKeys},max-value-bytes={MetadataMaxValueBytes}",
    };

    /// <summary>The CAP LS tokens of <paramref name="supported"/> in a stable order, with their <paramref name="values"/> (302) or without (301, null).</summary>
    public static IReadOnlyList<string> Tokens(IReadOnlySet<string> supported, IReadOnlyDictionary<string, string>? values) =>
        [.. supported.Order(StringComparer.Ordinal).Select(c => values is not null && values.TryGetValue(c, out var value) ? $"{c}={value}" : c)];
}
