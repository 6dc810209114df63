using System.Globalization;
using Charla.Core.Channels;
using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>
/// MODE &lt;target&gt; [&lt;modestring&gt; [&lt;arguments&gt;...]].
/// Channels: with no modestring, 324 and 329; a list letter without an argument lists it (367/368
/// bans, 348/349 exceptions, 346/347 invite exceptions); changes need operator status (482) and
/// are applied in order, the ones that changed something announced in one MODE line.
/// Users: their own +i, +w, +B (bot), and -o (+o comes from OPER) (221, 501, 502).
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
        if (ChannelAccess.Visible(context, message[0]) is not { } channel)
        {
            return;
        }

        if (message.Count == 1)
        {
            session.NumericRaw(Numerics.RplChannelModeIs, [channel.Name, .. ChannelModeLetters.Describe(channel.Modes, channel.IsMember(session))]);
            session.NumericRaw(Numerics.RplCreationTime, channel.Name, channel.CreatedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            return;
        }

        var changes = Parse(context, channel, message);
        if (changes.Count == 0)
        {
            return;
        }

        if (!ChannelAccess.IsOperator(context, channel, $"MODE {channel.Name} {string.Join(' ', Enumerable.Range(1, message.Count - 1).Select(i => message[i]))}"))
        {
            return;
        }

        var outcomes = engine.ChangeModes(session, channel, changes);
        for (var i = 0; i < changes.Count; i++)
        {
            Report(session, channel, changes[i], outcomes[i]);
        }
    }

    /// <summary>The changes asked for; list queries and unknown letters are answered on the way.</summary>
    private static List<ModeChange> Parse(IrcContext context, Channel channel, IrcMessage message)
    {
        var session = context.Session;
        var changes = new List<ModeChange>();
        var next = 2;
        var add = true;
        foreach (var letter in message[1])
        {
            if (letter is '+' or '-')
            {
                add = letter == '+';
                continue;
            }

            if (!ChannelModeLetters.TryGet(letter, out var setting))
            {
                session.Numeric(Numerics.ErrUnknownMode, letter.ToString(), "is unknown mode char to me");
                continue;
            }

            string? argument = null;
            if (ChannelModeLetters.TakesParameter(setting, add))
            {
                if (next < message.Count)
                {
                    argument = message[next++];
                }
                else if (ChannelModeLetters.IsList(setting))
                {
                    SendList(context, channel, setting);
                    continue;
                }
                else if (setting != ChannelSetting.Key || add)
                {
                    session.Numeric(Numerics.ErrInvalidModeParam, channel.Name, letter.ToString(), "*", "A parameter is needed for this mode");
                    continue;
                }
            }

            if (changes.Count(c => ChannelModeLetters.TakesParameter(c.Setting, c.Add)) >= context.Server.MaxModesPerCommand)
            {
                break;
            }

            if (setting == ChannelSetting.Key && add && argument is not null)
            {
                if (!IsValidKey(argument))
                {
                    session.Numeric(Numerics.ErrInvalidModeParam, channel.Name, letter.ToString(), "*", "Invalid key: no spaces or commas, and not empty");
                    continue;
                }

                // Longer keys are cut to KEYLEN, and the MODE shows the key that was set (Modern: "MODE echoed with a different key").
                argument = argument.Length > IrcServerInfo.KeyLength ? argument[..IrcServerInfo.KeyLength] : argument;
            }

            changes.Add(new ModeChange(add, setting, argument));
        }

        return changes;
    }

    private static void Report(IrcSession session, Channel channel, ModeChange change, ModeOutcome outcome)
    {
        var letter = ChannelModeLetters.Letter(change.Setting).ToString();
        switch (outcome)
        {
            case ModeOutcome.NoSuchNick:
                session.Numeric(Numerics.ErrNoSuchNick, change.Argument!, "No such nick/channel");
                break;
            case ModeOutcome.NotOnChannel:
                session.Numeric(Numerics.ErrUserNotInChannel, change.Argument!, channel.Name, "They aren't on that channel");
                break;
            case ModeOutcome.ListFull:
                session.Numeric(Numerics.ErrBanListFull, channel.Name, letter, "Channel list is full");
                break;
            case ModeOutcome.BadArgument:
                session.Numeric(Numerics.ErrInvalidModeParam, channel.Name, letter, change.Argument ?? "*", "Invalid parameter for this mode");
                break;
        }
    }

    /// <summary>
    /// A key JOIN can carry: not empty, no space or comma (JOIN's separators), not starting with
    /// ':', no control character (RFC 2812's key grammar, less its 23-character limit).
    /// </summary>
    private static bool IsValidKey(string key) =>
        key.Length > 0 && key[0] != ':' && !key.Any(c => c is ' ' or ',' || char.IsControl(c));

    /// <summary>RPL_BANLIST / RPL_EXCEPTLIST / RPL_INVITELIST entries with who set them and when, then the end.</summary>
    private static void SendList(IrcContext context, Channel channel, ChannelSetting setting)
    {
        var (entry, end, text) = setting switch
        {
            ChannelSetting.Ban => (Numerics.RplBanList, Numerics.RplEndOfBanList, "End of channel ban list"),
            ChannelSetting.BanException => (Numerics.RplExceptList, Numerics.RplEndOfExceptList, "End of channel exception list"),
            ChannelSetting.Quiet => (Numerics.RplQuietList, Numerics.RplEndOfQuietList, "End of channel quiet list"),
            _ => (Numerics.RplInviteList, Numerics.RplEndOfInviteList, "End of channel invite list"),
        };
        // The quiet list names its letter, as Solanum's 728/729 do.
        string[] letter = setting == ChannelSetting.Quiet ? ["q"] : [];
        foreach (var item in channel.Modes.ListOf(setting))
        {
            context.Session.NumericRaw(entry, [channel.Name, .. letter, item.Mask, item.SetBy, item.SetAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)]);
        }

        context.Session.Numeric(end, [channel.Name, .. letter, text]);
    }

    /// <summary>Sets a user mode that changes, and tells the client: <c>:nick MODE nick :+i</c>.</summary>
    private static void Toggle(IrcSession session, char letter, bool adding, bool current, Action<bool> set)
    {
        if (current == adding)
        {
            return;
        }

        set(adding);
        session.SendLine(IrcLine.Build(session.Nick, "MODE", [session.Nick, $"{(adding ? '+' : '-')}{letter}"], trailing: true));
    }

    /// <summary>The user's modes for RPL_UMODEIS: "+BTiow" as they apply.</summary>
    private static string UserModes(IrcSession session) =>
        "+" + (session.IsBot ? "B" : string.Empty) + (session.RefusesCtcp ? "T" : string.Empty) + (session.IsInvisible ? "i" : string.Empty)
        + (session.IsServerOperator ? "o" : string.Empty) + (session.WantsWallops ? "w" : string.Empty);

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
            session.NumericRaw(Numerics.RplUModeIs, UserModes(session));
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
                    Toggle(session, letter, adding, session.IsInvisible, on => context.Engine.SetInvisible(session, on));
                    break;
                case 'w':
                    Toggle(session, letter, adding, session.WantsWallops, on => session.WantsWallops = on);
                    break;
                case 'T':
                    // No CTCP to me but ACTION (as ergo's +T): requests from others are dropped unseen.
                    Toggle(session, letter, adding, session.RefusesCtcp, on => session.RefusesCtcp = on);
                    break;
                case 'o' when !adding:
                    // +o comes only from OPER; a client may drop it.
                    Toggle(session, letter, adding, session.IsServerOperator, _ => context.Engine.EndServerOperator(session));
                    break;
                case 'o':
                    break;
                case 'B':
                    // Bot mode (ircv3.net/specs/extensions/bot-mode): shown in WHOIS, WHO and a "bot" tag.
                    Toggle(session, letter, adding, session.IsBot, on => session.IsBot = on);
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
