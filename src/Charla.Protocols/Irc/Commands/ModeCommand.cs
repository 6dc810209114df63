using System.Globalization;
using Charla.Core.Channels;
using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>
/// MODE &lt;target&gt; [&lt;modestring&gt; [&lt;arguments&gt;...]]. Channels: the query (324, 329),
/// the ban list query (368: no bans yet), and +o/-o by operators. Users: their own +i.
/// </summary>
public sealed class ModeCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        if (message[0].StartsWith('#'))
        {
            ChannelMode(context, message);
        }
        else
        {
            UserMode(context, message);
        }
    }

    private static void ChannelMode(IrcContext context, IrcMessage message)
    {
        var (engine, session) = (context.Engine, context.Session);
        var channel = engine.FindChannel(message[0]);
        if (channel is null)
        {
            session.Numeric(Numerics.ErrNoSuchChannel, message[0], "No such channel");
            return;
        }

        if (message.Count == 1)
        {
            session.NumericRaw(Numerics.RplChannelModeIs, channel.Name, ChannelReplies.Modes(channel));
            session.NumericRaw(Numerics.RplCreationTime, channel.Name, channel.CreatedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            return;
        }

        var arguments = message.Params.Skip(2).GetEnumerator();
        var adding = true;
        foreach (var letter in message[1])
        {
            switch (letter)
            {
                case '+' or '-':
                    adding = letter == '+';
                    break;
                case 'b':
                    if (!arguments.MoveNext())
                    {
                        session.Numeric(Numerics.RplEndOfBanList, channel.Name, "End of channel ban list");
                    }
                    else
                    {
                        session.Numeric(Numerics.ErrUnknownMode, "b", "Setting bans is not supported yet");
                    }

                    break;
                case 'o':
                    if (arguments.MoveNext())
                    {
                        SetOperator(context, channel, arguments.Current, adding);
                    }

                    break;
                default:
                    session.Numeric(Numerics.ErrUnknownMode, letter.ToString(), "is unknown mode char to me");
                    break;
            }
        }
    }

    private static void SetOperator(IrcContext context, Channel channel, string nick, bool granted)
    {
        var (engine, session) = (context.Engine, context.Session);
        if (!channel.IsOperator(session))
        {
            session.Numeric(Numerics.ErrChanOPrivsNeeded, channel.Name, "You're not channel operator");
        }
        else if (engine.FindByNick(nick) is not { } target)
        {
            session.Numeric(Numerics.ErrNoSuchNick, nick, "No such nick/channel");
        }
        else if (!engine.SetOperator(session, channel, target, granted))
        {
            session.Numeric(Numerics.ErrUserNotInChannel, target.Nick, channel.Name, "They aren't on that channel");
        }
    }

    private static void UserMode(IrcContext context, IrcMessage message)
    {
        var (engine, session) = (context.Engine, context.Session);
        if (!string.Equals(message[0], session.Nick, StringComparison.OrdinalIgnoreCase))
        {
            if (engine.FindByNick(message[0]) is null)
            {
                session.Numeric(Numerics.ErrNoSuchNick, message[0], "No such nick/channel");
            }
            else
            {
                session.Numeric(Numerics.ErrUsersDontMatch, "Can't change mode for other users");
            }

            return;
        }

        if (message.Count == 1)
        {
            session.NumericRaw(Numerics.RplUModeIs, session.Invisible ? "+i" : "+");
            return;
        }

        var adding = true;
        var unknown = false;
        foreach (var letter in message[1])
        {
            switch (letter)
            {
                case '+' or '-':
                    adding = letter == '+';
                    break;
                case 'i':
                    if (session.Invisible != adding)
                    {
                        session.Invisible = adding;
                        session.SendLine(IrcLine.Build(session.Nick, "MODE", [session.Nick, adding ? "+i" : "-i"], trailing: true));
                    }

                    break;
                default:
                    unknown = true;
                    break;
            }
        }

        if (unknown)
        {
            session.Numeric(Numerics.ErrUModeUnknownFlag, "Unknown MODE flag");
        }
    }
}
