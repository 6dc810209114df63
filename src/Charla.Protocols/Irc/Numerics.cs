namespace Charla.Protocols.Irc;

/// <summary>
/// The numeric replies Charla sends, named as in the registry at defs.ircdocs.horse (and the
/// Modern IRC client protocol, modern.ircdocs.horse). Handlers use these names, never literals.
/// </summary>
public static class Numerics
{
    public const string RplWelcome = "001";
    public const string RplYourHost = "002";
    public const string RplCreated = "003";
    public const string RplMyInfo = "004";
    public const string RplISupport = "005";
    public const string RplUModeIs = "221";
    public const string RplLUserClient = "251";
    public const string RplLUserOp = "252";
    public const string RplLUserUnknown = "253";
    public const string RplLUserChannels = "254";
    public const string RplLUserMe = "255";
    public const string RplAdminMe = "256";
    public const string RplAdminLoc1 = "257";
    public const string RplAdminLoc2 = "258";
    public const string RplAdminEmail = "259";
    public const string RplLocalUsers = "265";
    public const string RplGlobalUsers = "266";
    public const string RplAway = "301";
    public const string RplUserHost = "302";
    public const string RplIsOn = "303";
    public const string RplUnAway = "305";
    public const string RplNowAway = "306";
    public const string RplWhoisUser = "311";
    public const string RplWhoisServer = "312";
    public const string RplWhoisOperator = "313";
    public const string RplEndOfWho = "315";
    public const string RplWhoisIdle = "317";
    public const string RplEndOfWhois = "318";
    public const string RplWhoisChannels = "319";
    public const string RplWhoWasUser = "314";
    public const string RplListStart = "321";
    public const string RplList = "322";
    public const string RplListEnd = "323";
    public const string RplChannelModeIs = "324";
    public const string RplCreationTime = "329";
    public const string RplNoTopic = "331";
    public const string RplTopic = "332";
    public const string RplTopicWhoTime = "333";
    public const string RplInviting = "341";
    public const string RplVersion = "351";
    public const string RplWhoReply = "352";
    public const string RplNamReply = "353";
    public const string RplWhoSpcRpl = "354";
    public const string RplEndOfNames = "366";
    public const string RplBanList = "367";
    public const string RplEndOfBanList = "368";
    public const string RplEndOfWhoWas = "369";
    public const string RplInfo = "371";
    public const string RplMotd = "372";
    public const string RplEndOfInfo = "374";
    public const string RplMotdStart = "375";
    public const string RplEndOfMotd = "376";
    public const string RplTime = "391";
    public const string ErrUnknownError = "400";
    public const string ErrNoSuchNick = "401";
    public const string ErrNoSuchServer = "402";
    public const string ErrNoSuchChannel = "403";
    public const string ErrCannotSendToChan = "404";
    public const string ErrTooManyChannels = "405";
    public const string ErrWasNoSuchNick = "406";
    public const string ErrTooManyTargets = "407";
    public const string ErrNoOrigin = "409";
    public const string ErrNoRecipient = "411";
    public const string ErrNoTextToSend = "412";
    public const string ErrInputTooLong = "417";
    public const string ErrUnknownCommand = "421";
    public const string ErrNoMotd = "422";
    public const string ErrNoNicknameGiven = "431";
    public const string ErrErroneousNickname = "432";
    public const string ErrNicknameInUse = "433";
    public const string ErrUserNotInChannel = "441";
    public const string ErrNotOnChannel = "442";
    public const string ErrUserOnChannel = "443";
    public const string ErrNotRegistered = "451";
    public const string ErrNeedMoreParams = "461";
    public const string ErrAlreadyRegistered = "462";
    public const string ErrChannelIsFull = "471";
    public const string ErrUnknownMode = "472";
    public const string ErrInviteOnlyChan = "473";
    public const string ErrBannedFromChan = "474";
    public const string ErrBadChannelKey = "475";
    public const string ErrBadChanMask = "476";
    public const string ErrChanOPrivsNeeded = "482";
    public const string ErrUModeUnknownFlag = "501";
    public const string ErrUsersDontMatch = "502";
    public const string ErrInvalidCapCmd = "410";
    public const string RplInviteList = "346";
    public const string RplEndOfInviteList = "347";
    public const string RplExceptList = "348";
    public const string RplEndOfExceptList = "349";
    public const string ErrBanListFull = "478";
    public const string RplWhoisBot = "335";
    public const string RplYoureOper = "381";
    public const string RplRehashing = "382";
    public const string ErrPasswdMismatch = "464";
    public const string ErrNoPrivileges = "481";
    public const string ErrYoureBannedCreep = "465";

    // The quiet list (+q), as Solanum numbers it.
    public const string RplQuietList = "728";
    public const string RplEndOfQuietList = "729";

    /// <summary>RPL_WHOISHOST: <c>&lt;client&gt; &lt;nick&gt; :is connecting from *@&lt;host&gt; &lt;ip&gt;</c>, the address behind a cloak.</summary>
    public const string RplWhoisHost = "378";

    // STATS (RFC 2812 section 3.4.4; the K and D lines as ircd-hybrid and Solanum give them)
    public const string RplStatsKLine = "216";
    public const string RplEndOfStats = "219";
    public const string RplStatsUptime = "242";
    public const string RplStatsDLine = "225";
    public const string RplStatsConn = "250";

    /// <summary>ERR_NOPRIVS: an operator without the privilege a command takes (<c>&lt;client&gt; &lt;priv&gt; :Insufficient oper privileges.</c>).</summary>
    public const string ErrNoPrivs = "723";
    public const string ErrNoOperHost = "491";
    public const string ErrInvalidModeParam = "696";

    // MONITOR (ircv3.net/specs/extensions/monitor)
    public const string RplMonOnline = "730";
    public const string RplMonOffline = "731";
    public const string RplMonList = "732";
    public const string RplEndOfMonList = "733";
    public const string ErrMonListFull = "734";

    // HELP (modern.ircdocs.horse)
    public const string RplHelpStart = "704";
    public const string RplHelpTxt = "705";
    public const string RplEndOfHelp = "706";
    public const string ErrHelpNotFound = "524";

    // LINKS
    public const string RplLinks = "364";
    public const string RplEndOfLinks = "365";

    // draft/metadata-2 (github.com/ircv3/ircv3-specifications/pull/501)
    public const string RplWhoisKeyValue = "760";
    public const string RplKeyValue = "761";
    public const string RplKeyNotSet = "766";
    public const string RplMetadataSubOk = "770";
    public const string RplMetadataUnsubOk = "771";
    public const string RplMetadataSubs = "772";
}
