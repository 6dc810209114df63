using System.Globalization;
using Charla.Core.Channels;
using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>
/// LIST [&lt;channel&gt;{,&lt;channel&gt;}] [&lt;condition&gt;{,&lt;condition&gt;}]: 321, one 322 per visible
/// channel that passes, 323. Conditions (ISUPPORT ELIST=CMNTU, modern.ircdocs.horse "ELIST"),
/// in either parameter, all of which must hold:
/// <code>
/// #name        one of the named channels          mask     M: matches one of the masks (* ?)
/// !mask        N: matches none of these masks     &gt;n &lt;n   U: more / fewer than n members
/// C&gt;n C&lt;n    created more / less than n minutes ago
/// T&gt;n T&lt;n    topic set more / less than n minutes ago (a channel without a topic fails)
/// </code>
/// </summary>
public sealed class ListCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var (engine, session) = (context.Engine, context.Session);
        var filter = new Filter(engine.Time.GetUtcNow());
        for (var i = 0; i < message.Count && i < 2; i++)
        {
            foreach (var condition in message[i].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                filter.Add(condition);
            }
        }

        session.Numeric(Numerics.RplListStart, "Channel", "Users  Name");
        var channels = engine.Channels.Where(c => ChannelAccess.IsVisibleTo(c, session) && filter.Passes(c)).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var channel in channels)
        {
            session.Numeric(Numerics.RplList, channel.Name, channel.MemberCount.ToString(CultureInfo.InvariantCulture), channel.Topic?.Text ?? string.Empty);
        }

        session.Numeric(Numerics.RplListEnd, "End of /LIST");
    }

    /// <summary>The conditions of one LIST, and whether a channel passes them all.</summary>
    private sealed class Filter(DateTimeOffset now)
    {
        private readonly List<string> _names = [];
        private readonly List<string> _masks = [];
        private readonly List<string> _notMasks = [];
        private readonly List<Func<Channel, bool>> _tests = [];

        public void Add(string condition)
        {
            switch (condition)
            {
                case ['>' or '<', ..] when Number(condition[1..]) is { } count:
                    _tests.Add(condition[0] == '>' ? c => c.MemberCount > count : c => c.MemberCount < count);
                    break;
                case ['C' or 'c', '>' or '<', ..] when Number(condition[2..]) is { } minutes:
                    _tests.Add(Age(condition[1], minutes, c => c.CreatedAt));
                    break;
                case ['T' or 't', '>' or '<', ..] when Number(condition[2..]) is { } minutes:
                    _tests.Add(Age(condition[1], minutes, c => c.Topic?.SetAt));
                    break;
                case ['!', ..]:
                    _notMasks.Add(condition[1..]);
                    break;
                default:
                    (condition.AsSpan().IndexOfAny('*', '?') >= 0 ? _masks : _names).Add(condition);
                    break;
            }
        }

        public bool Passes(Channel channel) =>
            (_names.Count == 0 || _names.Contains(channel.Name, StringComparer.OrdinalIgnoreCase))
            && (_masks.Count == 0 || _masks.Any(m => Wildcard.Matches(m, channel.Name)))
            && !_notMasks.Any(m => Wildcard.Matches(m, channel.Name))
            && _tests.All(test => test(channel));

        /// <summary>"&gt;": longer ago than <paramref name="minutes"/>; "&lt;": more recently. No time at all fails both.</summary>
        private Func<Channel, bool> Age(char comparison, int minutes, Func<Channel, DateTimeOffset?> when)
        {
            var limit = TimeSpan.FromMinutes(minutes);
            return c => when(c) is { } time && (comparison == '>' ? now - time > limit : now - time < limit);
        }

        private static int? Number(string text) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
    }
}
