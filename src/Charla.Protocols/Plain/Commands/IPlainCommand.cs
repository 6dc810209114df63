using Charla.Core;
using Charla.Core.Sessions;

namespace Charla.Protocols.Plain.Commands;

/// <summary>What a plain-mode command works with.</summary>
public readonly record struct PlainCommandContext(ChatEngine Engine, PlainSession Session)
{
    /// <summary>The user called <paramref name="nick"/> if there is one (in plain mode or IRC); else the user is told there is none.</summary>
    public ClientSession? FindUser(string nick)
    {
        if (Engine.FindByNick(nick) is { } user)
        {
            return user;
        }

        Session.Reply(PlainReplies.Error($"No one called {nick} is here; /who lists the lobby."));
        return null;
    }
}

/// <summary>One slash command of plain mode. One file per command; <see cref="PlainCommandTable"/> lists them.</summary>
public interface IPlainCommand
{
    /// <summary>The word after the slash, lower case.</summary>
    string Name { get; }

    /// <summary>How to call it, for /help and usage errors: <c>/nick NAME</c>.</summary>
    string Usage { get; }

    /// <summary>What it does, in a few words, for /help.</summary>
    string Summary { get; }

    /// <param name="arguments">The text after the command word, without leading spaces; may be empty.</param>
    void Execute(PlainCommandContext context, string arguments);
}
