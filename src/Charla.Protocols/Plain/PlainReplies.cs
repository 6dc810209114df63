using System.Text;

namespace Charla.Protocols.Plain;

/// <summary>
/// Every line the server writes in plain mode, in one place. Conventions: <c>(OK)</c>
/// acknowledges a message; <c>(ERROR) ...</c> answers bad input; <c>* ...</c> is the server
/// speaking (events, command replies); <c>nick: text</c> is someone talking.
/// </summary>
public static class PlainReplies
{
    /// <summary>The acknowledgement of the original protocol: the server has the message.</summary>
    public static readonly byte[] Ok = "(OK)\n"u8.ToArray();

    /// <summary>Instead of <see cref="Ok"/> when the message could not be stored: the others may have seen it, but it is not kept.</summary>
    public static readonly byte[] NotStored = Encode("(ERROR) The server could not store your message; it is not acknowledged (the others may have seen it).");

    public static string Welcome(string nick, int othersInLobby) =>
        $"* Welcome to Charla, {nick}! {People(othersInLobby)} in the lobby. Type /help for commands.";

    /// <summary>The lobby's topic, told on arrival (IRC clients get it as 332 when they join).</summary>
    public static string Topic(string text, string setBy) => $"* The topic is: {text} (set by {setBy})";

    public static string Error(string message) => "(ERROR) " + message;

    public static string LineTooLong(int limit) => Error($"Line too long (the limit is {limit} bytes); it was not sent.");

    public const string InvalidUtf8 = "(ERROR) Invalid UTF-8; the line was not sent.";

    public const string ControlCharacter = "(ERROR) Control characters are not allowed; the line was not sent.";

    /// <summary>Sent to a client the server cannot take (Tcp:MaxConnections or its descriptor limit), before it is closed.</summary>
    public static readonly byte[] ServerFull = Encode("(ERROR) The server is full; try again later.");

    public const string PasswordNeeded = "* This server needs a password: type /pass PASSWORD";

    public const string Muted = "(ERROR) You may not speak in the lobby now (a moderator muted you); the line was not sent.";

    public const string TooFast = "(ERROR) You are sending too fast; the line was not sent. Slow down or you will be disconnected.";

    public static string Farewell(string nick) => $"* Goodbye, {nick}.";

    public const string ServerShutdown = "* The server is shutting down. Goodbye.";

    /// <summary>The last line before the server closes a connection for <paramref name="reason"/>.</summary>
    public static string Disconnected(string reason) => Error($"Disconnected: {reason}.");

    /// <summary>
    /// Encodes one line with its terminator. Control characters never reach a plain-mode
    /// terminal, whatever an IRC user sent (IRC formatting, CTCP quotes, an escape sequence):
    /// see <see cref="PlainText.Clean"/>.
    /// </summary>
    public static byte[] Encode(string line)
    {
        line = PlainText.Clean(line);
        var bytes = new byte[Encoding.UTF8.GetByteCount(line) + 1];
        Encoding.UTF8.GetBytes(line, bytes);
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    private static string People(int count) => count switch
    {
        0 => "Nobody else is",
        1 => "1 other person is",
        _ => $"{count} other people are",
    };
}
