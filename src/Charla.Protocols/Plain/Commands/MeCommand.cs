using Charla.Core.Routing;

namespace Charla.Protocols.Plain.Commands;

/// <summary><c>/me ACTION</c>: the others see "* nick ACTION"; the sender gets (OK) as for any message.</summary>
public sealed class MeCommand : IPlainCommand
{
    public string Name => "me";

    public string Usage => "/me ACTION";

    public string Summary => "say what you do: /me waves shows * you waves";

    public void Execute(PlainCommandContext context, string arguments)
    {
        var (engine, session) = context;
        if (string.IsNullOrWhiteSpace(arguments))
        {
            session.Reply(PlainReplies.Error($"Usage: {Usage}"));
            return;
        }

        if (session.MaySpeak())
        {
            session.Acknowledge(engine.SendMessage(session, session.Lobby, arguments, MessageKind.Action));
        }
    }
}
