using System.Text;

namespace Charla.Load.Clients;

/// <summary>How a load client reads the server's lines while it registers and joins (both client kinds).</summary>
internal static class SetupLines
{
    public const string PlainWelcome = "* Welcome to Charla, ";

    /// <summary>The command or numeric of an IRC line: the first word, or the second after a :source.</summary>
    public static string Command(string line)
    {
        var words = line.Split(' ', 3);
        return line.StartsWith(':') ? (words.Length > 1 ? words[1] : string.Empty) : words[0];
    }

    /// <summary>
    /// Takes buffered lines until one matters while setting up: one that <paramref name="stop"/>
    /// accepts (<paramref name="match"/>) or a PING, whose answer is <paramref name="pong"/>.
    /// False when no such line is buffered (receive more). A refusal throws <see cref="IOException"/>.
    /// </summary>
    public static bool TryTake(LineBuffer lines, Func<string, bool> stop, string nick, out string? match, out string? pong)
    {
        (match, pong) = (null, null);
        while (lines.TryTakeLine(out var bytes))
        {
            var line = Encoding.UTF8.GetString(bytes.Span);
            if ((pong = PongFor(line)) is not null)
            {
                return true;
            }

            if (IsRefusal(line))
            {
                throw new IOException($"{nick}: {line}");
            }

            if (stop(line))
            {
                match = line;
                return true;
            }
        }

        return false;
    }

    /// <summary>The answer to a server's PING (peers ping; a load client that did not answer would be dropped), or null.</summary>
    private static string? PongFor(string line) =>
        line.StartsWith("PING ", StringComparison.Ordinal) ? "PONG " + line[5..] + "\r\n" : null;

    /// <summary>A line that ends setup in failure: the server closed us, or refused the nick or the join.</summary>
    private static bool IsRefusal(string line) =>
        Command(line) is "ERROR" or "433" or "432" or "451" or "471" or "473" or "474" or "475";

    /// <summary>The nick a plain-mode server gave us, from its welcome line.</summary>
    public static string PlainNick(string welcome) =>
        welcome[PlainWelcome.Length..welcome.IndexOf('!', StringComparison.Ordinal)];
}
