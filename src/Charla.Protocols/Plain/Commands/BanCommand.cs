using Charla.Core.Channels;

namespace Charla.Protocols.Plain.Commands;

/// <summary>
/// <c>/ban MASK|NICK</c> and <c>/unban MASK</c>, for the lobby's moderators: the lobby's ban list
/// (IRC +b). A banned user may not speak there, and may not come back in (a plain-mode user is
/// refused at connection); /kick puts one out who is there now.
/// </summary>
public sealed class BanCommand(bool ban) : IPlainCommand
{
    public string Name => ban ? "ban" : "unban";

    public string Usage => $"/{Name} MASK|NICK";

    public string Summary => ban ? "moderators: keep a mask (nick!user@host) out of the lobby" : "moderators: lift a lobby ban";

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
            LobbyModeration.ChangeList(context, ChannelSetting.Ban, ban, mask, ban ? $"* Banned {mask} from the lobby." : $"* Lifted the ban on {mask}.");
        }
    }
}
