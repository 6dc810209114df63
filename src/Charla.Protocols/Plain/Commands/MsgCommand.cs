using Charla.Core.Routing;

namespace Charla.Protocols.Plain.Commands;

/// <summary>
/// <c>/msg NICK TEXT</c>: a private message to one user, in plain mode or IRC (who sees it as a
/// PRIVMSG to their nick); (OK) once it is on its way, and the user's away message if they set
/// one. Private messages are not stored (see the README: a nick can change hands).
/// </summary>
public sealed class MsgCommand : IPlainCommand
{
    public string Name => "msg";

    public string Usage => "/msg NICK TEXT";

    public string Summary => "a private message to one user (answer one with /msg too)";

    public void Execute(PlainCommandContext context, string arguments)
    {
        var (engine, session) = context;
        var space = arguments.IndexOf(' ', StringComparison.Ordinal);
        var text = space < 0 ? string.Empty : arguments[(space + 1)..].TrimStart(' ');
        if (text.Length == 0)
        {
            session.Reply(PlainReplies.Error($"Usage: {Usage}"));
            return;
        }

        if (context.FindUser(arguments[..space]) is not { } target)
        {
            return;
        }

        engine.SendPrivate(session, target, text, MessageKind.Normal);
        session.Send(PlainReplies.Ok);
        if (target.AwayMessage is { } away)
        {
            session.Reply($"* {target.Nick} is away: {away}");
        }
    }
}
