namespace Charla.Protocols.Plain.Commands;

/// <summary>
/// <c>/kick NICK [REASON]</c>, for the lobby's moderators: puts a user out of the lobby (a
/// plain-mode user is disconnected; an IRC user gets a KICK and may join again, unless banned).
/// </summary>
public sealed class KickCommand : IPlainCommand
{
    public string Name => "kick";

    public string Usage => "/kick NICK [REASON]";

    public string Summary => "moderators: put someone out of the lobby";

    public void Execute(PlainCommandContext context, string arguments)
    {
        var (engine, session) = context;
        if (!LobbyModeration.IsModerator(context, Name))
        {
            return;
        }

        var space = arguments.IndexOf(' ', StringComparison.Ordinal);
        var nick = space < 0 ? arguments : arguments[..space];
        var reason = space < 0 ? string.Empty : arguments[(space + 1)..].Trim();
        if (nick.Length == 0)
        {
            session.Reply(PlainReplies.Error($"Usage: {Usage}"));
            return;
        }

        if (context.FindUser(nick) is not { } target)
        {
            return;
        }

        if (!engine.Kick(session, session.Lobby, target, reason.Length > 0 ? reason : session.Nick))
        {
            session.Reply(PlainReplies.Error($"{target.Nick} is not in the lobby."));
        }
    }
}
