using Charla.Core.Channels;

namespace Charla.Protocols.Plain.Commands;

/// <summary>
/// <c>/mute NICK|MASK</c> and <c>/unmute NICK|MASK</c>, for the lobby's moderators: the lobby's
/// quiet list (IRC +q). A nick stands for <c>*!*@</c> its (cloaked) host, so a new nick does not
/// get around it. A muted user stays, hears everything, and is told its lines are not sent.
/// </summary>
public sealed class MuteCommand(bool mute) : IPlainCommand
{
    public string Name => mute ? "mute" : "unmute";

    public string Usage => $"/{Name} NICK|MASK";

    public string Summary => mute ? "moderators: stop someone speaking in the lobby" : "moderators: let them speak again";

    public void Execute(PlainCommandContext context, string arguments)
    {
        if (!LobbyModeration.IsModerator(context, Name))
        {
            return;
        }

        var given = arguments.Trim();
        if (given.Length == 0 || given.Contains(' ', StringComparison.Ordinal))
        {
            context.Session.Reply(PlainReplies.Error($"Usage: {Usage}"));
            return;
        }

        if (LobbyModeration.MaskOf(context, given) is { } mask)
        {
            LobbyModeration.ChangeList(context, ChannelSetting.Quiet, mute, mask, mute ? $"* Muted {mask}." : $"* Unmuted {mask}.");
        }
    }
}
