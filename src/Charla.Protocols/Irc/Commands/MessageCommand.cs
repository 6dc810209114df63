using System.Text;
using Charla.Core.Routing;
using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>
/// PRIVMSG / NOTICE &lt;target&gt;{,&lt;target&gt;} :&lt;text&gt; and TAGMSG &lt;target&gt;, to channels
/// (STATUSMSG <c>@#chan</c>/<c>+#chan</c> too) and nicks, at most MAXTARGETS targets. The
/// sender's client-only tags (<c>+name=value</c>) travel with the message to clients that
/// negotiated message-tags. CTCP passes through; CTCP ACTION becomes an action, which plain-mode
/// users see as "* nick text". As RFC 2812 asks, NOTICE never gets an error reply.
/// </summary>
public sealed class MessageCommand(MessageKind kind) : IIrcCommand
{
    private const string ActionStart = "\u0001ACTION ";

    private string Verb => kind switch
    {
        MessageKind.Notice => "NOTICE",
        MessageKind.TagsOnly => "TAGMSG",
        _ => "PRIVMSG",
    };

    public void Execute(IrcContext context, IrcMessage message)
    {
        var session = context.Session;
        if (message.Tags.TryGetValue("batch", out var batch))
        {
            BatchCommand.AddLine(context, message, batch, kind);
            return;
        }
        if (message.Count == 0 || message[0].Length == 0)
        {
            Error(session, Numerics.ErrNoRecipient, $"No recipient given ({Verb})");
            return;
        }

        if (kind != MessageKind.TagsOnly && (message.Count < 2 || message[1].Length == 0))
        {
            Error(session, Numerics.ErrNoTextToSend, "No text to send");
            return;
        }

        var clientTags = ClientTags.Escape(message.Tags);

        var targets = message[0].Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (targets.Length > context.Server.MaxTargets)
        {
            Error(session, Numerics.ErrTooManyTargets, message[0], $"Too many targets (at most {context.Server.MaxTargets})");
            return;
        }

        var (text, messageKind) = Classify(kind == MessageKind.TagsOnly ? string.Empty : message[1]);
        foreach (var target in targets)
        {
            Deliver(context, target, Fit(session, target, text, messageKind), messageKind, clientTags);
        }
    }

    /// <summary>
    /// The text cut so that the relayed line, <c>:nick!user@host VERB target :text</c>, keeps to
    /// 512 bytes: every recipient, in either protocol, then gets the same text, and the sender's
    /// echo shows what they got. A client's line fits by itself; the prefix added to it may not.
    /// </summary>
    private string Fit(IrcSession session, string target, string text, MessageKind messageKind)
    {
        // ":" nick "!" user "@" host " " VERB " " target " :" [ "\x01ACTION " text "\x01" ], without making the prefix.
        var host = session.Host;
        var overhead = 1 + Encoding.UTF8.GetByteCount(session.Nick) + 1 + Encoding.UTF8.GetByteCount(session.UserName) + 1
            + Encoding.UTF8.GetByteCount(host) + (host.StartsWith(':') ? 1 : 0)
            + 1 + Verb.Length + 1 + Encoding.UTF8.GetByteCount(target) + 2
            + (messageKind == MessageKind.Action ? ActionStart.Length + 1 : 0);
        var room = IrcLimits.MaxMessageBytes - overhead;
        return text.Length * 3 <= room || Encoding.UTF8.GetByteCount(text) <= room ? text : IrcLine.CutUtf8(text, Math.Max(room, 0));
    }

    private void Deliver(IrcContext context, string target, string text, MessageKind messageKind, string clientTags)
    {
        var (engine, session) = (context.Engine, context.Session);
        var ctcp = messageKind is MessageKind.Normal or MessageKind.Notice && text.StartsWith('\u0001');
        if (MessageTarget.Resolve(context, target, quiet: kind == MessageKind.Notice, ctcp) is not { } to)
        {
            return;
        }

        if (to.Channel is { } channel)
        {
            MessageTarget.Echo(session, engine.SendMessage(session, channel, text, messageKind, to.OnlyTo, clientTags));
            return;
        }

        var recipient = to.User!;
        var sent = ReferenceEquals(recipient, session)
            ? session.Uncaptured(() => engine.SendPrivate(session, recipient, text, messageKind, clientTags))
            : engine.SendPrivate(session, recipient, text, messageKind, clientTags);
        MessageTarget.Echo(session, sent);
        if (kind == MessageKind.Normal && recipient.AwayMessage is { } away)
        {
            session.Numeric(Numerics.RplAway, recipient.Nick, away);
        }
    }

    /// <summary>"\x01ACTION waves\x01" is the action "waves"; anything else is text as it is.</summary>
    private (string Text, MessageKind Kind) Classify(string text)
    {
        if (kind == MessageKind.Normal && text.StartsWith(ActionStart, StringComparison.Ordinal))
        {
            var action = text[ActionStart.Length..];
            return (action.EndsWith('\u0001') ? action[..^1] : action, MessageKind.Action);
        }

        return (text, kind);
    }

    private void Error(IrcSession session, string code, params string[] parameters)
    {
        if (kind != MessageKind.Notice)
        {
            session.Numeric(code, parameters);
        }
    }
}
