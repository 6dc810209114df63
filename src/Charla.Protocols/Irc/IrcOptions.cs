namespace Charla.Protocols.Irc;

/// <summary>The IRC listener and server identity. Bound from the <c>Irc</c> configuration section.</summary>
public sealed class IrcOptions
{
    /// <summary>TCP port; 6667, IRC's customary plain-text port. 0 picks a free port (tests).</summary>
    public int Port { get; set; } = 6667;

    /// <summary>The server's name, the source of its numerics (<c>:charla.local 001 ...</c>).</summary>
    public string ServerName { get; set; } = "charla.local";

    /// <summary>The network's name (ISUPPORT NETWORK, the 001 welcome).</summary>
    public string NetworkName { get; set; } = "Charla";

    /// <summary>What this server says it is, in WHOIS (312) and LINKS (364).</summary>
    public string ServerDescription { get; set; } = "Charla chat server";

    /// <summary>Where the server is, for ADMIN (RPL_ADMINLOC1).</summary>
    public string AdminLocation { get; set; } = "A Charla chat server";

    /// <summary>Who runs it, for ADMIN (RPL_ADMINLOC2).</summary>
    public string AdminName { get; set; } = "Its administrator";

    /// <summary>How to reach them, for ADMIN (RPL_ADMINEMAIL).</summary>
    public string AdminEmail { get; set; } = "admin@localhost";

    /// <summary>Longest channel name, '#' included (ISUPPORT CHANNELLEN). 50 as RFC 2812 and most servers.</summary>
    public int ChannelLength { get; set; } = 50;

    /// <summary>Longest topic (ISUPPORT TOPICLEN). 390 as ergo: a topic line still fits in 512 bytes.</summary>
    public int TopicLength { get; set; } = 390;

    /// <summary>Longest KICK reason (ISUPPORT KICKLEN). 255 as InspIRCd.</summary>
    public int KickLength { get; set; } = 255;

    /// <summary>Longest away message (ISUPPORT AWAYLEN). 200 as InspIRCd.</summary>
    public int AwayLength { get; set; } = 200;

    /// <summary>Longest real name for SETNAME (ISUPPORT NAMELEN).</summary>
    public int RealNameLength { get; set; } = 200;

    /// <summary>Targets per PRIVMSG, NOTICE or KICK (ISUPPORT TARGMAX, MAXTARGETS). 4 as ircd-hybrid.</summary>
    public int MaxTargets { get; set; } = 4;

    /// <summary>Mode changes with a parameter per MODE command (ISUPPORT MODES); more are ignored. 20 as ergo.</summary>
    public int MaxModesPerCommand { get; set; } = 20;

    /// <summary>
    /// IRC operators: a name, a password hash (<c>charla hash-password</c> prints one) and a class
    /// each, for OPER. None by default.
    /// </summary>
    public IrcOperator[] Operators { get; set; } = [];

    /// <summary>
    /// Operator classes by name, each the privileges it grants (<c>kill</c>, <c>ban</c>,
    /// <c>override</c>, <c>rehash</c>, <c>see-addresses</c>, <c>wallops</c>, <c>chghost</c>), beside
    /// (or replacing) the built-in <c>admin</c> (all of them) and <c>moderator</c> (kill, ban,
    /// override, see-addresses).
    /// </summary>
    public Dictionary<string, string[]> OperatorClasses { get; set; } = [];

    /// <summary>Lines of the message of the day; none gives 422 ERR_NOMOTD.</summary>
    public string[] Motd { get; set; } = [];

    /// <summary>Seconds a connection may take to register (NICK, USER, CAP END) before it is dropped.</summary>
    public int RegistrationTimeoutSeconds { get; set; } = 60;

    /// <summary>Seconds of silence before the server sends a PING. 90 as ergo and InspIRCd (120) roughly do.</summary>
    public int PingIntervalSeconds { get; set; } = 90;

    /// <summary>Seconds to wait for any reply to that PING before dropping the client with "Ping timeout".</summary>
    public int PingTimeoutSeconds { get; set; } = 60;

    /// <summary>
    /// Bytes of not-yet-handled input a client may have waiting while flood control delays its
    /// commands; more is a real flood, and the client is dropped with "Excess Flood". 8 KiB is a
    /// few dozen ordinary lines: a paste passes, a flood does not.
    /// </summary>
    public int RecvQueueBytes { get; set; } = 8192;
}

/// <summary>One IRC operator block for OPER.</summary>
public sealed class IrcOperator
{
    /// <summary>The name given to OPER.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The password's hash, as <c>charla hash-password</c> prints it.</summary>
    public string PasswordHash { get; set; } = string.Empty;

    /// <summary>
    /// Never accepted: a password in clear is refused at startup, with how to hash it. Bound
    /// only so that the refusal can say exactly that, rather than "unknown key".
    /// </summary>
    public string? Password { get; set; }

    /// <summary>The operator class, which names the privileges (<see cref="IrcOptions.OperatorClasses"/>): <c>admin</c> unless given.</summary>
    public string Class { get; set; } = "admin";
}
