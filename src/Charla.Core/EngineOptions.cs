namespace Charla.Core;

/// <summary>Limits the core enforces for every protocol. Defaults say where the number comes from.</summary>
public sealed class EngineOptions
{
    /// <summary>
    /// Longest nickname, in ASCII characters. 30 is InspIRCd's default NICKLEN and comfortably
    /// above RFC 1459's 9, which modern clients no longer assume.
    /// </summary>
    public int NickLength { get; set; } = 30;

    /// <summary>
    /// Bytes that may wait in one client's output queue (the IRC "SendQ") before the client is
    /// dropped as too slow. InspIRCd's default class allows 256 KiB; a full lobby burst of
    /// 400-byte lines to a client that stopped reading fills it in about 650 lines.
    /// </summary>
    public int SendQueueBytes { get; set; } = 256 * 1024;

    /// <summary>Channels one session may be in at once (ISUPPORT CHANLIMIT). 50 as InspIRCd and ergo allow users.</summary>
    public int MaxChannelsPerUser { get; set; } = 50;

    /// <summary>Entries on each channel list (bans, exceptions, invite exceptions): ISUPPORT MAXLIST. 100 as InspIRCd allows.</summary>
    public int MaxListEntries { get; set; } = 100;

    /// <summary>Nicks one session may watch for coming and going (IRC MONITOR, ISUPPORT MONITOR). 100 as ergo and InspIRCd.</summary>
    public int MaxMonitorEntries { get; set; } = 100;

    /// <summary>Metadata keys one user or channel may have set (IRCv3 metadata max-keys). 20 is room for every registered key and some.</summary>
    public int MaxMetadataKeys { get; set; } = 20;

    /// <summary>Flood control applied to every line a client sends.</summary>
    public FloodOptions Flood { get; set; } = new();
}

/// <summary>A token bucket per client: <see cref="LinesPerSecond"/> refill, <see cref="Burst"/> capacity.</summary>
public sealed class FloodOptions
{
    /// <summary>Sustained lines per second; 0 or less turns flood control off (benchmarks do).</summary>
    public double LinesPerSecond { get; set; } = 5;

    /// <summary>Lines that may arrive at once before the rate applies: a pasted paragraph.</summary>
    public int Burst { get; set; } = 10;

    /// <summary>
    /// Lines refused for being too fast that a client may send, beyond the burst, before it is
    /// disconnected with "Excess Flood". Each refused line is answered with an error first.
    /// </summary>
    public int ExcessLimit { get; set; } = 20;
}
