using Charla.Core;

namespace Charla.Protocols.Irc;

/// <summary>What the IRC side says about the server: its name, version, ISUPPORT tokens.</summary>
public sealed class IrcServerInfo
{
    public const string Version = "charla-0.1";

    /// <summary>Channel names: '#', then up to <see cref="ChannelLength"/> characters in all, no space, comma or BEL.</summary>
    public const int ChannelLength = 50;

    public const int TopicLength = 390;

    public const int MaxTargets = 4;

    /// <summary>Mode changes with a parameter handled per MODE command (ISUPPORT MODES); more are ignored.</summary>
    public const int MaxModesPerCommand = 20;

    public const int KickLength = 255;

    public const int AwayLength = 200;

    public IrcServerInfo(IrcOptions options, EngineOptions limits, DateTimeOffset createdAt)
    {
        Options = options;
        Limits = limits;
        CreatedAt = createdAt;
        ISupport =
        [
            "CASEMAPPING=ascii",
            "CHANTYPES=#",
            "CHANMODES=beI,k,l,imnst",
            "PREFIX=(ov)@+",
            "STATUSMSG=@+",
            $"MAXLIST=beI:{ChatEngine.MaxListEntries}",
            "EXCEPTS=e",
            "INVEX=I",
            $"MODES={MaxModesPerCommand}",
            $"KICKLEN={KickLength}",
            $"AWAYLEN={AwayLength}",
            $"NAMELEN={Commands.SetnameCommand.MaxLength}",
            $"NICKLEN={limits.NickLength}",
            $"CHANNELLEN={ChannelLength}",
            $"TOPICLEN={TopicLength}",
            $"CHANLIMIT=#:{limits.MaxChannelsPerUser}",
            $"NETWORK={options.NetworkName}",
            $"TARGMAX=PRIVMSG:{MaxTargets},NOTICE:{MaxTargets},JOIN:,PART:,KICK:{MaxTargets},NAMES:1,WHOIS:1",
            $"MAXTARGETS={MaxTargets}",
            "UTF8ONLY",
            "BOT=B",
            "WHOX",
        ];
    }

    public IrcOptions Options { get; }

    public EngineOptions Limits { get; }

    public string Name => Options.ServerName;

    public DateTimeOffset CreatedAt { get; }

    /// <summary>The RPL_ISUPPORT tokens (defs.ircdocs.horse, "RPL_ISUPPORT Tokens").</summary>
    public IReadOnlyList<string> ISupport { get; }

    /// <summary>A valid channel name for JOIN: '#', 2 to <see cref="ChannelLength"/> characters, no space, comma, BEL or colon.</summary>
    public static bool IsValidChannelName(string name) =>
        name.Length is >= 2 and <= ChannelLength && name[0] == '#' && name.AsSpan().IndexOfAny(" ,\a:") < 0;
}
