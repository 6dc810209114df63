namespace Charla.Protocols.Plain.Commands;

/// <summary><c>/help</c>: the commands and how plain mode works.</summary>
public sealed class HelpCommand(Func<IEnumerable<IPlainCommand>> commands) : IPlainCommand
{
    public string Name => "help";

    public string Usage => "/help";

    public string Summary => "show this help";

    public void Execute(PlainCommandContext context, string arguments)
    {
        var all = commands().ToList();
        var width = all.Max(c => c.Usage.Length);
        var session = context.Session;
        session.Reply("* Any line that does not start with / goes to everyone in the lobby; the server answers (OK).");
        session.Reply("* Start a message with // to send a line that begins with /.");
        session.Reply("* Commands:");
        foreach (var command in all)
        {
            session.Reply($"*   {command.Usage.PadRight(width)}  {command.Summary}");
        }
    }
}
