using System.Globalization;
using Charla.Core;
using Charla.Protocols.Irc.Commands;
using Charla.Protocols.Irc.Operators;

namespace Charla.Protocols.Irc;

/// <summary>What the IRC side says about the server: its name, version, ISUPPORT tokens.</summary>
public sealed class IrcServerInfo
{
    /// <summary>
    /// "charla-" and the build's version, as <c>charla --version</c> prints it (the release, then
    /// the commit it was built from): 004, VERSION and INFO say the same.
    /// </summary>
    public static string Version { get; } = "charla-" + BuildVersion.Of(typeof(IrcServerInfo).Assembly);

    /// <summary>Longest channel key (ISUPPORT KEYLEN); longer ones are cut. 32 as InspIRCd.</summary>
    public const int KeyLength = 32;

    /// <summary>Who may OPER, as what (Irc:Operators with their classes resolved); replaced by a reload.</summary>
    public OperatorBlocks Operators { get; private set; }

    /// <summary>
    /// Takes what a configuration reload may change: the MOTD and the operator blocks (checked
    /// already). Everything else (names, lengths, ISUPPORT) clients were told at registration.
    /// </summary>
    public void Reload(IrcOptions fresh)
    {
        Operators = OperatorBlocks.Build(fresh, out _);
        Options.Motd = fresh.Motd;
        Options.Operators = fresh.Operators;
        Options.OperatorClasses = fresh.OperatorClasses;
    }

    /// <summary>The configuration file REHASH reads (382 names it).</summary>
    public string ConfigurationName { get; set; } = "defaults";

    /// <summary>Reloads the configuration on behalf of an operator (REHASH), saying what happened; null where there is nothing to reload (tests).</summary>
    public Func<string, Task<IReadOnlyList<string>>>? Rehash { get; set; }

    public int ChannelLength => Options.ChannelLength;

    public int TopicLength => Options.TopicLength;

    public int KickLength => Options.KickLength;

    public int AwayLength => Options.AwayLength;

    public int RealNameLength => Options.RealNameLength;

    public int MaxTargets => Options.MaxTargets;

    public int MaxModesPerCommand => Options.MaxModesPerCommand;

    /// <param name="keepsHistory">The engine keeps history: CHATHISTORY is offered (capabilities and ISUPPORT tokens).</param>
    /// <param name="autoReplayLines">With history, the lines a client without draft/chathistory is sent when it joins a channel (0: none).</param>
    public IrcServerInfo(IrcOptions options, EngineOptions limits, DateTimeOffset createdAt, bool keepsHistory = false, int autoReplayLines = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(autoReplayLines);
        AutoReplayLines = keepsHistory ? Math.Min(autoReplayLines, ChathistoryCommand.MaxLines) : 0;
        SupportedCapabilities = keepsHistory ? new HashSet<string>(Capabilities.Supported.Concat(Capabilities.History), StringComparer.Ordinal) : Capabilities.Supported;
        Options = options;
        Operators = OperatorBlocks.Build(options, out var operatorErrors);
        if (operatorErrors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", operatorErrors), nameof(options));
        }

        Limits = limits;
        CreatedAt = createdAt;
        WireFormats = new IrcWireFormats(options.ServerName);
        CapabilityValues = Capabilities.Values(limits.MaxMetadataKeys);
        ISupport =
        [
            "CASEMAPPING=ascii",
            "CHANTYPES=#",
            "CHANMODES=beIq,k,l,Cimnst",
            "PREFIX=(ov)@+",
            "STATUSMSG=@+",
            $"MAXLIST=beIq:{limits.MaxListEntries}",
            "EXCEPTS=e",
            "INVEX=I",
            $"MODES={options.MaxModesPerCommand}",
            $"KICKLEN={options.KickLength}",
            $"AWAYLEN={options.AwayLength}",
            $"NAMELEN={options.RealNameLength}",
            $"NICKLEN={limits.NickLength}",
            $"CHANNELLEN={options.ChannelLength}",
            $"KEYLEN={KeyLength}",
            $"TOPICLEN={options.TopicLength}",
            $"CHANLIMIT=#:{limits.MaxChannelsPerUser}",
            $"NETWORK={options.NetworkName}",
            $"TARGMAX=PRIVMSG:{options.MaxTargets},NOTICE:{options.MaxTargets},JOIN:,PART:,KICK:{options.MaxTargets},NAMES:1,WHOIS:1",
            $"MAXTARGETS={options.MaxTargets}",
            "UTF8ONLY",
            "BOT=B",
            "WHOX",
            "ELIST=CMNTU",
            $"MONITOR={limits.MaxMonitorEntries}",
            $"METADATA={limits.MaxMetadataKeys}",
            .. keepsHistory ? (string[])[$"CHATHISTORY={ChathistoryCommand.MaxLines}", "MSGREFTYPES=msgid,timestamp"] : [],
        ];
        YourHostText = $"Your host is {Name}, running version {Version}";
        CreatedText = $"This server was created {createdAt.ToString("R", CultureInfo.InvariantCulture)}";
        MyInfo = [Name, Version, "BTiow", "CbeIiklmnoqstv", "beIklovq"];
        ISupportLines = [.. ISupport.Chunk(ISupportTokensPerLine).Select(tokens => (string[])[.. tokens, "are supported by this server"])];
    }

    // ISUPPORT tokens per 005 line; the Modern IRC documents suggest at most 13.
    private const int ISupportTokensPerLine = 13;

    public IrcOptions Options { get; }

    /// <summary>The lines of a channel's history a client without draft/chathistory is sent when it joins (0: none, as ergo by default).</summary>
    public int AutoReplayLines { get; }

    /// <summary>The values CAP LS 302 shows with capabilities (limits of multiline and metadata).</summary>
    public IReadOnlyDictionary<string, string> CapabilityValues { get; }

    /// <summary>The capabilities this server offers: all of <see cref="Capabilities.Supported"/>, and CHATHISTORY's when it keeps history.</summary>
    public IReadOnlySet<string> SupportedCapabilities { get; }

    /// <summary>This server's wire forms, one per combination of capabilities.</summary>
    public IrcWireFormats WireFormats { get; }

    public EngineOptions Limits { get; }

    public string Name => Options.ServerName;

    public DateTimeOffset CreatedAt { get; }

    /// <summary>The RPL_ISUPPORT tokens (defs.ircdocs.horse, "RPL_ISUPPORT Tokens").</summary>
    public IReadOnlyList<string> ISupport { get; }

    // 002, 003 and 004 are the same for everyone: made once.

    /// <summary>RPL_YOURHOST's text.</summary>
    public string YourHostText { get; }

    /// <summary>RPL_CREATED's text.</summary>
    public string CreatedText { get; }

    /// <summary>RPL_MYINFO's parameters after the target.</summary>
    public IReadOnlyList<string> MyInfo { get; }

    /// <summary>The parameters of each RPL_ISUPPORT line after the target, made once (every registration sends them).</summary>
    public IReadOnlyList<string[]> ISupportLines { get; }

    /// <summary>A valid channel name for JOIN: '#', 2 to <see cref="ChannelLength"/> characters, no space, comma, BEL or colon.</summary>
    public bool IsValidChannelName(string name) => IsValidChannelName(name, ChannelLength);

    /// <summary>A valid channel name of at most <paramref name="maxLength"/> characters (see the instance method).</summary>
    public static bool IsValidChannelName(string name, int maxLength) =>
        name.Length >= 2 && name.Length <= maxLength && name[0] == '#' && name.AsSpan().IndexOfAny(" ,\a:") < 0 && !name.Any(char.IsControl);
}
