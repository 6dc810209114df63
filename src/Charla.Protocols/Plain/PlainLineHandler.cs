using System.Buffers;
using Charla.Core;
using Charla.Core.Routing;
using Charla.Protocols.Lines;
using Charla.Protocols.Plain.Commands;

namespace Charla.Protocols.Plain;

/// <summary>
/// What one complete plain-mode line means:
/// <code>
/// line    = message / command / "//" text   ; "//x" sends the message "/x"
/// message = text not starting with "/"      ; to the lobby; the sender gets (OK)
/// command = "/" name [ " " arguments ]      ; see PlainCommandTable
/// </code>
/// Empty and blank lines are ignored. Bad text gets an (ERROR) line and nothing is relayed.
/// </summary>
public sealed class PlainLineHandler(ChatEngine engine, PlainSession session)
{
    private readonly PlainCommandContext _context = new(engine, session);

    public void Handle(in ReadOnlySequence<byte> line)
    {
        if (line.IsEmpty)
        {
            return;
        }

        switch (TextChecks.TryDecode(line, out var text))
        {
            case TextStatus.InvalidUtf8:
                session.Reply(PlainReplies.InvalidUtf8);
                return;
            case TextStatus.ControlCharacter:
                session.Reply(PlainReplies.ControlCharacter);
                return;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        if (text[0] == '/' && !text.StartsWith("//", StringComparison.Ordinal))
        {
            RunCommand(text);
            return;
        }

        var message = text[0] == '/' ? text[1..] : text;
        if (!session.MaySpeak())
        {
            return;
        }

        session.Acknowledge(engine.SendMessage(session, session.Lobby, message, MessageKind.Normal));
    }

    private void RunCommand(string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var name = space < 0 ? text[1..] : text[1..space];
        var arguments = space < 0 ? string.Empty : text[(space + 1)..].TrimStart(' ');
        var command = PlainCommandTable.Default.Find(name);
        if (command is null)
        {
            session.Reply(PlainReplies.Error($"Unknown command /{name}. Type /help for the list."));
            return;
        }

        command.Execute(_context, arguments);
    }
}
