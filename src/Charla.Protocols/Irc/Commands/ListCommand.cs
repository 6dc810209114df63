using System.Globalization;
using Charla.Core.Channels;
using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>LIST [&lt;channel&gt;{,&lt;channel&gt;} | &gt;n | &lt;n]: 321, one 322 per channel, 323.</summary>
public sealed class ListCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var (engine, session) = (context.Engine, context.Session);
        var filter = message.Count > 0 ? message[0] : string.Empty;
        session.Numeric(Numerics.RplListStart, "Channel", "Users  Name");
        foreach (var channel in engine.Channels.Where(c => ChannelAccess.IsVisibleTo(c, session) && Matches(c, filter)).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase))
        {
            session.Numeric(Numerics.RplList, channel.Name, channel.MemberCount.ToString(CultureInfo.InvariantCulture), channel.Topic?.Text ?? string.Empty);
        }

        session.Numeric(Numerics.RplListEnd, "End of /LIST");
    }

    /// <summary>No filter; "&gt;n" more than n members; "&lt;n" fewer than n; else a list of names.</summary>
    private static bool Matches(Channel channel, string filter)
    {
        if (filter.Length == 0)
        {
            return true;
        }

        if (filter[0] is '>' or '<' && int.TryParse(filter.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return filter[0] == '>' ? channel.MemberCount > count : channel.MemberCount < count;
        }

        return filter.Split(',').Contains(channel.Name, StringComparer.OrdinalIgnoreCase);
    }
}
