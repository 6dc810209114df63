namespace Charla.Protocols.Plain.Commands;

/// <summary><c>/who</c>: who is in the lobby, in the order they arrived.</summary>
public sealed class WhoCommand : IPlainCommand
{
    public string Name => "who";

    public string Usage => "/who";

    public string Summary => "list the users in the lobby";

    public void Execute(PlainCommandContext context, string arguments)
    {
        var members = context.Session.Lobby.Members;
        var nicks = string.Join(", ", members.Select(m => m.Nick));
        context.Session.Reply($"* In the lobby ({members.Count}): {nicks}");
    }
}
