using System.Globalization;
using Charla.Core.Routing;
using Charla.Protocols.Irc.Messages;
using Charla.Protocols.Irc.Multiline;

namespace Charla.Protocols.Irc.Commands;

/// <summary>
/// BATCH +&lt;id&gt; draft/multiline &lt;target&gt; ... BATCH -&lt;id&gt;: a client's multiline message
/// (ircv3.net/specs/extensions/multiline), for clients with draft/multiline and batch. The lines
/// in between (<see cref="AddLine"/>) are kept until the batch closes, then the message goes out
/// whole: as a batch to recipients with the cap, line by line to the others (plain-mode users
/// too). Errors are <c>FAIL BATCH MULTILINE_INVALID | MULTILINE_INVALID_TARGET |
/// MULTILINE_MAX_LINES | MULTILINE_MAX_BYTES</c>, after which the batch is dropped. A label on the
/// opening BATCH labels the reply at its end (the echo's opening BATCH, or an ACK).
/// </summary>
public sealed class BatchCommand : IIrcCommand
{
    private const string MultilineType = "draft/multiline";

    public void Execute(IrcContext context, IrcMessage message)
    {
        var session = context.Session;
        var reference = message[0];
        if (reference.Length > 1 && reference[0] == '+')
        {
            Open(context, message, reference[1..]);
        }
        else if (reference.Length > 1 && reference[0] == '-')
        {
            Close(context, reference[1..]);
        }
        else
        {
            Fail(session, "MULTILINE_INVALID", "A batch reference starts with + or -");
        }
    }

    /// <summary>A PRIVMSG (or any message) tagged with <c>batch=id</c>: a line of the open batch.</summary>
    public static void AddLine(IrcContext context, IrcMessage message, string id, MessageKind kind)
    {
        var session = context.Session;
        if (session.FailedBatchId == id)
        {
            return; // the rest of a batch already refused
        }

        if (session.OpenBatch is not { } batch || batch.Id != id || kind != MessageKind.Normal || message.Count < 2)
        {
            Drop(session, session.OpenBatch?.Id ?? id);
            Fail(session, "MULTILINE_INVALID", "Only PRIVMSG lines of the open multiline batch may carry its batch tag");
            return;
        }

        var problem = batch.Add(message[0], message[1], message.Tags.ContainsKey("draft/multiline-concat"));
        if (problem == MultilineProblem.None)
        {
            return;
        }

        Drop(session, id);
        switch (problem)
        {
            case MultilineProblem.InvalidTarget:
                session.Reply(context.Server.Name, "FAIL", "BATCH", ["MULTILINE_INVALID_TARGET", batch.Target, message[0], "Invalid multiline target"], trailing: true);
                break;
            case MultilineProblem.BlankConcat:
                Fail(session, "MULTILINE_INVALID", "A blank line cannot continue the line before it");
                break;
            case MultilineProblem.MaxLines:
                session.Reply(context.Server.Name, "FAIL", "BATCH",
                    ["MULTILINE_MAX_LINES", Capabilities.MultilineMaxLines.ToString(CultureInfo.InvariantCulture), "Multiline batch max-lines exceeded"], trailing: true);
                break;
            default:
                session.Reply(context.Server.Name, "FAIL", "BATCH",
                    ["MULTILINE_MAX_BYTES", Capabilities.MultilineMaxBytes.ToString(CultureInfo.InvariantCulture), "Multiline batch max-bytes exceeded"], trailing: true);
                break;
        }
    }

    private static void Open(IrcContext context, IrcMessage message, string id)
    {
        var session = context.Session;
        var label = session.TakeBatchLabel();
        if (message.Count < 3 || message[1] != MultilineType || !session.Has(Capabilities.Multiline) || !session.Has(Capabilities.Batch))
        {
            Fail(session, "MULTILINE_INVALID", "Only draft/multiline batches, with the draft/multiline and batch capabilities");
            return;
        }

        if (session.OpenBatch is not null)
        {
            Drop(session, session.OpenBatch.Id);
            Fail(session, "MULTILINE_INVALID", "A multiline batch is already open");
            return;
        }

        session.FailedBatchId = null;
        session.OpenBatch = new MultilineBatch(id, message[2], ClientTags.Escape(message.Tags), label);
    }

    private static void Close(IrcContext context, string id)
    {
        var session = context.Session;
        var closingLabel = session.TakeBatchLabel();
        if (session.FailedBatchId == id)
        {
            session.FailedBatchId = null;
            return;
        }

        if (session.OpenBatch is not { } batch || batch.Id != id)
        {
            Fail(session, "MULTILINE_INVALID", "No such batch is open");
            return;
        }

        session.OpenBatch = null;
        var label = batch.Label ?? closingLabel;
        if (label is not null)
        {
            session.BeginCapture();
        }

        try
        {
            if (!batch.IsWellFormed)
            {
                Fail(session, "MULTILINE_INVALID", "Invalid multiline batch: it has no text");
            }
            else
            {
                Send(context, batch);
            }
        }
        finally
        {
            if (label is not null)
            {
                session.FinishLabeled(label);
            }
        }
    }

    private static void Send(IrcContext context, MultilineBatch batch)
    {
        var (engine, session) = (context.Engine, context.Session);
        var ctcp = batch.Lines.Any(l => l.Text.StartsWith('\u0001'));
        if (MessageTarget.Resolve(context, batch.Target, quiet: false, ctcp) is not { } to)
        {
            return;
        }

        if (to.Channel is { } channel)
        {
            MessageTarget.Echo(session, engine.SendMultiline(session, channel, batch.Lines, to.OnlyTo, batch.ClientTags));
            return;
        }

        var recipient = to.User!;
        var sent = ReferenceEquals(recipient, session)
            ? session.Uncaptured(() => engine.SendMultiline(session, recipient, batch.Lines, batch.ClientTags))
            : engine.SendMultiline(session, recipient, batch.Lines, batch.ClientTags);
        MessageTarget.Echo(session, sent);
    }

    /// <summary>Drops the open batch (if it is <paramref name="id"/>); the rest of its lines and its end are ignored.</summary>
    private static void Drop(IrcSession session, string id)
    {
        if (session.OpenBatch?.Id == id)
        {
            session.OpenBatch = null;
        }

        session.FailedBatchId = id;
    }

    private static void Fail(IrcSession session, string code, string description) =>
        session.Reply(session.Server.Name, "FAIL", "BATCH", [code, description], trailing: true);
}
