using System.Text;
using Charla.Core.Output;
using Charla.Core.Routing;
using Charla.Protocols.Irc.Messages;
using Charla.Storage;
using Charla.Storage.History;

namespace Charla.Protocols.Irc.History;

/// <summary>
/// The acknowledgement of a channel message that history keeps: its echo (echo-message), or
/// the labeled response carrying it (labeled-response), goes out once the message is on disk;
/// if it could not be stored, <c>FAIL PRIVMSG NOT_STORED</c> goes in its place, so no client is
/// told a message is kept when it is not. Whatever the client is sent after waits behind it.
/// </summary>
internal static class StoredAcknowledgements
{
    public const string NotStored = "NOT_STORED";

    /// <summary>The line that replaces the acknowledgement of a message that could not be stored.</summary>
    public static string NotStoredLine(string serverName, ChatEvent sent) => sent switch
    {
        MessageEvent message => NotStoredLine(serverName, message.Kind == MessageKind.Notice ? "NOTICE" : "PRIVMSG", message.Channel.Name),
        MultilineMessageEvent multiline => NotStoredLine(serverName, "PRIVMSG", multiline.TargetName),
        _ => NotStoredLine(serverName, "PRIVMSG", "*"),
    };

    private static string NotStoredLine(string serverName, string verb, string target) =>
        IrcLine.Build(serverName, "FAIL", [verb, NotStored, target, "Your message could not be stored, so it is not acknowledged"], trailing: true);

    /// <summary>An acknowledgement, built on the store's thread: what it needs of the session is read when it is made.</summary>
    public abstract class Acknowledgement(IrcSession session) : StoredReply
    {
        protected bool Echoes { get; } = session.Has(Capabilities.EchoMessage);

        protected WireFormat WireFormat { get; } = session.WireFormat;

        protected string ServerName { get; } = session.Server.Name;
    }

    /// <summary>One message's acknowledgement: its echo if the client asked for echoes, else nothing (the next reply waits all the same).</summary>
    public sealed class Echo(IrcSession session, ChatEvent sent) : Acknowledgement(session)
    {
        protected override ReadOnlyMemory<byte> Reply(bool stored) =>
            !stored ? Encoding.UTF8.GetBytes(NotStoredLine(ServerName, sent))
            : Echoes ? WireFormat.Encode(sent)
            : ReadOnlyMemory<byte>.Empty;
    }

    /// <summary>
    /// The acknowledgement of messages from a client without echo-message: nothing to send when
    /// they are stored, only a place that holds back what follows until they are. One such place
    /// stands for a run of messages: a new message moves it on (<see cref="TryMoveTo"/>) instead
    /// of taking a place of its own, so a client sending fast costs one release per commit, not
    /// one per message. Messages that could not be stored each get their FAIL when it is released.
    /// </summary>
    public sealed class Silent(IrcSession session) : DeferredReply, IStoreObserver
    {
        private readonly Lock _gate = new();
        private readonly string _serverName = session.Server.Name;
        private StoreTicket? _awaited;
        private bool _released;
        private List<string>? _failures;

        /// <summary>Makes this place wait for <paramref name="ticket"/> (a later message) instead; false once it has been released.</summary>
        public bool TryMoveTo(StoreTicket ticket)
        {
            lock (_gate)
            {
                if (_released)
                {
                    return false;
                }

                _awaited = ticket;
            }

            ticket.Subscribe(this);
            return true;
        }

        /// <summary>Waits for <paramref name="ticket"/> first.</summary>
        public void Await(StoreTicket ticket)
        {
            lock (_gate)
            {
                _awaited = ticket;
            }
        }

        /// <summary>Each of the awaited messages completes here, in order; the last one releases the place.</summary>
        public void OnStoreCompleted(StoreTicket ticket, bool stored)
        {
            ReadOnlyMemory<byte> lines;
            lock (_gate)
            {
                if (!stored && ticket is HistoryRecord record)
                {
                    (_failures ??= []).Add(NotStoredLine(_serverName, record.Kind == HistoryKind.Notice ? "NOTICE" : "PRIVMSG", record.Target));
                }

                // The messages before the awaited one completed before it (the store keeps order).
                if (!ReferenceEquals(ticket, _awaited))
                {
                    return;
                }

                _released = true;
                lines = _failures is null ? ReadOnlyMemory<byte>.Empty : Encoding.UTF8.GetBytes(string.Concat(_failures));
            }

            Complete(lines);
        }
    }

    /// <summary>
    /// A labeled command's response, whose replies include acknowledgements of stored messages:
    /// built when the last of them is on disk (the writer completes them in order). If an
    /// earlier one has not completed by then (refused, out of turn, when the writer was too far
    /// behind), it counts as not stored: a client may be told "not stored" wrongly, never "stored".
    /// </summary>
    public sealed class Labeled(IrcSession session, string label, List<ReadOnlyMemory<byte>> before, IReadOnlyList<ChatEvent> acknowledged) : Acknowledgement(session)
    {
        protected override ReadOnlyMemory<byte> Reply(bool stored)
        {
            var replies = new List<ReadOnlyMemory<byte>>(before);
            foreach (var sent in acknowledged)
            {
                if (sent.Stored!.IsStored)
                {
                    if (Echoes)
                    {
                        replies.Add(WireFormat.Encode(sent));
                    }
                }
                else
                {
                    replies.Add(Encoding.UTF8.GetBytes(NotStoredLine(ServerName, sent)));
                }
            }

            return Encoding.UTF8.GetBytes(LabeledResponse.Build(ServerName, label, replies));
        }
    }
}
