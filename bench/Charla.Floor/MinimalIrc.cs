using System.Text;

namespace Charla.Floor;

/// <summary>Just enough IRC for a load client to register and join: 001 to NICK, 366 to JOIN.</summary>
internal static class MinimalIrc
{
    /// <summary>The reply to one line (without CR LF), or null; <paramref name="nick"/> is the client's, kept between lines.</summary>
    public static byte[]? Answer(ReadOnlySpan<byte> line, ref string nick)
    {
        if (line.StartsWith("NICK "u8))
        {
            nick = Encoding.UTF8.GetString(line[5..]);
            return Encoding.UTF8.GetBytes($":floor 001 {nick} :Welcome\r\n");
        }

        return line.StartsWith("JOIN "u8)
            ? Encoding.UTF8.GetBytes($":floor 366 {nick} {Encoding.UTF8.GetString(line[5..])} :End of /NAMES list\r\n")
            : null;
    }

    /// <summary>Answers every complete line in <paramref name="input"/>; returns how many bytes it used.</summary>
    public static int AnswerLines(ReadOnlySpan<byte> input, ref string nick, Action<byte[]> send)
    {
        var used = 0;
        int end;
        while ((end = input[used..].IndexOf((byte)'\n')) >= 0)
        {
            var line = input.Slice(used, end).TrimEnd((byte)'\r');
            if (Answer(line, ref nick) is { } reply)
            {
                send(reply);
            }

            used += end + 1;
        }

        return used;
    }
}
