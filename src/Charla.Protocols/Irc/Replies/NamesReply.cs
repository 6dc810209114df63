using Charla.Core.Channels;
using Charla.Core.Sessions;
using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Replies;

/// <summary>
/// The names list of a channel (JOIN, NAMES): RPL_NAMREPLY (353) lines then RPL_ENDOFNAMES
/// (366), each name with its member prefix (<see cref="MemberPrefixes"/>).
/// </summary>
public static class NamesReply
{
    /// <summary>Room left in a 353 line for names (512 less the server, numeric, target and channel, with margin).</summary>
    private const int NamesLineBudget = 400;

    /// <summary>RPL_NAMREPLY lines then RPL_ENDOFNAMES, for <paramref name="members"/> (a snapshot).</summary>
    public static void Send(IrcSession session, Channel channel, IReadOnlyList<ClientSession> members)
    {
        // Each 353 line is encoded straight into the line buffer: no string per name or per line.
        var (allPrefixes, userhosts) = (session.Has(Capabilities.MultiPrefix), session.Has(Capabilities.UserhostInNames));
        var line = new Utf8LineWriter();
        var namesStart = -1;
        foreach (var member in members)
        {
            var prefix = MemberPrefixes.Of(channel, member, allPrefixes);
            var name = userhosts ? IrcWireFormat.PrefixOf(member, member.Nick) : member.Nick;
            if (namesStart >= 0 && line.Length - namesStart + prefix.Length + name.Length + 1 > NamesLineBudget)
            {
                EndLine(session, ref line);
                namesStart = -1;
            }

            if (namesStart < 0)
            {
                line = new Utf8LineWriter();
                IrcLine.WriteHead(ref line, session.Server.Name, Numerics.RplNamReply, session.Target);
                line.Append((byte)' ');
                line.Append(Symbol(channel));
                line.Append((byte)' ');
                line.Append(channel.Name);
                line.Append(" :"u8);
                namesStart = line.Length;
            }
            else
            {
                line.Append((byte)' ');
            }

            line.Append(prefix);
            line.Append(name);
        }

        if (namesStart >= 0)
        {
            EndLine(session, ref line);
        }

        session.Numeric(Numerics.RplEndOfNames, channel.Name, "End of /NAMES list");
    }

    private static void EndLine(IrcSession session, ref Utf8LineWriter line)
    {
        line.EndLine();
        session.SendCopy(line.Written);
    }

    /// <summary>RPL_NAMREPLY's channel symbol: "@" for a secret channel, "=" for a public one.</summary>
    public static string Symbol(Channel channel) => channel.Modes.Secret ? "@" : "=";
}
