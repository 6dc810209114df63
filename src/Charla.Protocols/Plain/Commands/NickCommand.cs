using Charla.Core.Nicknames;

namespace Charla.Protocols.Plain.Commands;

/// <summary><c>/nick NAME</c>: take a new nickname; the lobby sees "* old is now NAME".</summary>
public sealed class NickCommand : IPlainCommand
{
    public string Name => "nick";

    public string Usage => "/nick NAME";

    public string Summary => "change your nickname";

    public void Execute(PlainCommandContext context, string arguments)
    {
        var (engine, session) = context;
        var nick = arguments.Trim();
        if (nick.Length == 0)
        {
            session.Reply(PlainReplies.Error($"Usage: {Usage}"));
            return;
        }

        var reply = engine.ChangeNick(session, nick) switch
        {
            NickChangeResult.Changed or NickChangeResult.Unchanged => $"* You are now {session.Nick}.",
            NickChangeResult.InUse => PlainReplies.Error($"The nickname {nick} is already in use."),
            _ => PlainReplies.Error(
                $"Invalid nickname \"{nick}\": use 1 to {engine.Options.NickLength} letters, digits or {NickRules.Specials}-, " +
                "starting with a letter or one of those specials, no spaces."),
        };
        session.Reply(reply);
    }
}
