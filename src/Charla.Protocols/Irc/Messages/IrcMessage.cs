namespace Charla.Protocols.Irc.Messages;

/// <summary>A parsed client message: <c>[@tags] [:source] COMMAND params...</c>.</summary>
/// <param name="Tags">The client's message tags, unescaped; empty when none were sent.</param>
/// <param name="Command">Upper-cased: <c>PRIVMSG</c>, or three digits.</param>
/// <param name="Params">Middle parameters then the trailing one, without its colon.</param>
public sealed record IrcMessage(IReadOnlyDictionary<string, string> Tags, string Command, IReadOnlyList<string> Params)
{
    public static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>();

    public string this[int index] => Params[index];

    public int Count => Params.Count;
}
