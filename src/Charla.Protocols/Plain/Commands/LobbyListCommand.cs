using Charla.Core.Channels;

namespace Charla.Protocols.Plain.Commands;

/// <summary>
/// The lobby's mask lists as plain-mode commands, for its moderators: <c>/mute</c> and
/// <c>/unmute</c> (the quiet list, IRC +q: a muted user stays and hears everything, and is told
/// its lines are not sent), <c>/ban</c> and <c>/unban</c> (IRC +b: a banned user may not speak,
/// nor come back in; /kick puts one out who is there now). A nick stands for <c>*!*@</c> its
/// (cloaked) host, so a new nick does not get around it.
/// </summary>
public sealed class LobbyListCommand : IPlainCommand
{
    private readonly ChannelSetting _list;
    private readonly bool _add;
    private readonly Func<string, string> _done;

    private LobbyListCommand(string name, ChannelSetting list, bool add, string summary, Func<string, string> done)
    {
        (Name, _list, _add, Summary, _done) = (name, list, add, summary, done);
    }

    public static LobbyListCommand Mute { get; } = new("mute", ChannelSetting.Quiet, add: true, "moderators: stop someone speaking in the lobby", mask => $"* Muted {mask}.");

    public static LobbyListCommand Unmute { get; } = new("unmute", ChannelSetting.Quiet, add: false, "moderators: let them speak again", mask => $"* Unmuted {mask}.");

    public static LobbyListCommand Ban { get; } = new("ban", ChannelSetting.Ban, add: true, "moderators: keep a mask (nick!user@host) out of the lobby", mask => $"* Banned {mask} from the lobby.");

    public static LobbyListCommand Unban { get; } = new("unban", ChannelSetting.Ban, add: false, "moderators: lift a lobby ban", mask => $"* Lifted the ban on {mask}.");

    public string Name { get; }

    public string Usage => $"/{Name} NICK|MASK";

    public string Summary { get; }

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
            LobbyModeration.ChangeList(context, _list, _add, mask, _done(mask));
        }
    }
}
