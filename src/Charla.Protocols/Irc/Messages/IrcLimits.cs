namespace Charla.Protocols.Irc.Messages;

/// <summary>Sizes from the Modern IRC client protocol and the IRCv3 message-tags specification.</summary>
public static class IrcLimits
{
    /// <summary>A message without its tags: 512 bytes including the CR LF (RFC 1459 section 2.3).</summary>
    public const int MaxMessageBytes = 510;

    /// <summary>The tags section, '@' and the trailing space included (IRCv3 message-tags: 8191).</summary>
    public const int MaxTagBytes = 8191;

    /// <summary>The longest line the framer accepts: tags plus message.</summary>
    public const int MaxLineBytes = MaxTagBytes + MaxMessageBytes;

    /// <summary>RFC 1459: at most 15 parameters; the 15th takes the rest of the line.</summary>
    public const int MaxParams = 15;
}
