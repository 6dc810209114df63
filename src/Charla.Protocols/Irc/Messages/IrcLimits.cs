namespace Charla.Protocols.Irc.Messages;

/// <summary>Sizes from the Modern IRC client protocol and the IRCv3 message-tags specification.</summary>
public static class IrcLimits
{
    /// <summary>
    /// A message without its tags: 512 bytes including the CR LF (RFC 1459 section 2.3). Every
    /// line Charla sends keeps to it too (its tags aside): client text that would overflow it is
    /// cut, at a character boundary (<see cref="IrcLine"/>).
    /// </summary>
    public const int MaxMessageBytes = 510;

    /// <summary>
    /// The tags section a client may send, '@' and the trailing space included: "Clients MUST NOT
    /// send messages with tag data exceeding 4094 bytes" (ircv3.net/specs/extensions/message-tags).
    /// More is answered with 417 ERR_INPUTTOOLONG and the message is dropped.
    /// </summary>
    public const int MaxClientTagsBytes = 4094 + 2;

    /// <summary>The longest line the framer accepts from a client: tags plus message.</summary>
    public const int MaxLineBytes = MaxClientTagsBytes + MaxMessageBytes;

    /// <summary>RFC 1459: at most 15 parameters; the 15th takes the rest of the line.</summary>
    public const int MaxParams = 15;
}
