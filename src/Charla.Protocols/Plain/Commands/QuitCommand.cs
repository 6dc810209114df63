using Charla.Core.Sessions;

namespace Charla.Protocols.Plain.Commands;

/// <summary>
/// <c>/quit [REASON]</c>: the server says goodbye and closes the connection; the lobby sees
/// "* nick left (REASON)". The goodbye itself is written by the connection as it closes.
/// </summary>
public sealed class QuitCommand : IPlainCommand
{
    public string Name => "quit";

    public string Usage => "/quit [REASON]";

    public string Summary => "leave the chat";

    public void Execute(PlainCommandContext context, string arguments) =>
        context.Session.Close(DisconnectReason.Quit(arguments));
}
