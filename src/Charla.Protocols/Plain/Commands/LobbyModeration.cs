using Charla.Core.Channels;

namespace Charla.Protocols.Plain.Commands;

/// <summary>What the lobby's moderation commands share: who may use them, whom they name, how a mask list changes.</summary>
internal static class LobbyModeration
{
    /// <summary>True for a moderator of the lobby; anyone else is told the command is theirs.</summary>
    public static bool IsModerator(PlainCommandContext context, string command)
    {
        if (context.Engine.IsLobbyModerator(context.Session))
        {
            return true;
        }

        context.Session.Reply(PlainReplies.Error($"Only the lobby's moderators may use /{command}."));
        return false;
    }

    /// <summary>
    /// Adds or removes <paramref name="mask"/> on one of the lobby's lists (+q, +b) and tells the
    /// moderator what happened, in <paramref name="done"/>'s words when it did.
    /// </summary>
    public static void ChangeList(PlainCommandContext context, ChannelSetting list, bool add, string mask, string done)
    {
        var (engine, session) = context;
        var outcome = engine.ChangeModes(session, session.Lobby, [new ModeChange(add, list, mask)])[0];
        session.Reply(outcome switch
        {
            ModeOutcome.Applied => done,
            ModeOutcome.ListFull => PlainReplies.Error($"The lobby's list is full ({engine.Options.MaxListEntries} entries)."),
            ModeOutcome.Unchanged => add ? $"* {mask} was already there." : $"* {mask} was not there.",
            _ => PlainReplies.Error($"{mask} is not a mask (nick!user@host, wildcards * and ?)."),
        });
    }

    /// <summary>A mask for <paramref name="given"/>: itself if it is one (has ! or @), else <c>*!*@</c> the host of the user of that nick.</summary>
    public static string? MaskOf(PlainCommandContext context, string given) =>
        given.Contains('!', StringComparison.Ordinal) || given.Contains('@', StringComparison.Ordinal) ? given
        : context.FindUser(given) is { } user ? $"*!*@{user.Host}" : null;
}
