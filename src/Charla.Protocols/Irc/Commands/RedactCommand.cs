using System.Text;
using Charla.Core;
using Charla.Core.Channels;
using Charla.Protocols.Irc.Messages;
using Charla.Storage;

namespace Charla.Protocols.Irc.Commands;

/// <summary>
/// REDACT &lt;target&gt; &lt;msgid&gt; [:reason] (ircv3.net draft/message-redaction): takes back a
/// message said in a channel, the sender's own or, for a channel operator, anyone's. It leaves
/// history and search, and the members with the capability get the REDACT (the redactor's copy
/// is its answer, labeled if the command was); others get nothing, as the spec allows. Private
/// messages are not kept, so there is nothing to take back from them. Errors are the spec's
/// FAILs: INVALID_TARGET, UNKNOWN_MSGID, REDACT_FORBIDDEN; TEMPORARILY_UNAVAILABLE when
/// history cannot be read or changed now.
/// </summary>
public sealed class RedactCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var (engine, session) = (context.Engine, context.Session);
        if (engine.History is null)
        {
            session.Numeric(Numerics.ErrUnknownCommand, "REDACT", "Unknown command");
            return;
        }

        var (target, messageId) = (message[0], message[1]);
        var reason = message.Count > 2 ? message[2] : string.Empty;
        if (engine.FindChannel(target) is not { } channel || !channel.IsMember(session))
        {
            session.Reply(session.Server.Name, "FAIL", "REDACT", ["INVALID_TARGET", target, $"You cannot delete messages from {target}"], trailing: true);
            return;
        }

        session.ReplyLater(RedactAsync(engine, session, channel, messageId, reason));
    }

    private static async Task<string> RedactAsync(ChatEngine engine, IrcSession session, Channel channel, string messageId, string reason)
    {
        string Fail(params string[] parameters) => IrcLine.Build(session.Server.Name, "FAIL", ["REDACT", .. parameters], trailing: true);

        try
        {
            var (result, redaction) = await engine.RedactAsync(session, channel, messageId, reason);
            return result switch
            {
                RedactResult.Redacted => Encoding.UTF8.GetString(session.WireFormat.Encode(redaction!).Span),
                RedactResult.Forbidden => Fail("REDACT_FORBIDDEN", channel.Name, messageId, "You are not authorised to delete this message"),
                RedactResult.NotMember => Fail("INVALID_TARGET", channel.Name, $"You cannot delete messages from {channel.Name}"),
                RedactResult.NotStored => Fail("TEMPORARILY_UNAVAILABLE", channel.Name, "The message could not be deleted from history now; try again later"),
                _ => Fail("UNKNOWN_MSGID", channel.Name, messageId, "This message does not exist or is too old"),
            };
        }
        catch (StorageException)
        {
            return Fail("TEMPORARILY_UNAVAILABLE", channel.Name, "History cannot be read now; try again later");
        }
    }
}
