using System.Globalization;
using Charla.Protocols.Irc.Messages;
using Charla.Protocols.Irc.Registration;

namespace Charla.Protocols.Irc.Commands;

/// <summary>
/// CAP LS [version] | LIST | REQ :caps | END (ircv3.net/specs/extensions/capability-negotiation).
/// LS and REQ before registration hold it until END.
/// </summary>
public sealed class CapCommand : IIrcCommand
{
    public void Execute(IrcContext context, IrcMessage message)
    {
        var session = context.Session;
        var server = context.Server.Name;
        switch (message[0].ToUpperInvariant())
        {
            case "LS":
                if (!session.IsRegistered)
                {
                    session.CapNegotiating = true;
                }

                session.CapVersion = message.Count > 1 && int.TryParse(message[1], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
                    ? version : 301;
                if (session.CapVersion >= 302)
                {
                    // cap-notify is implicitly enabled for 302 clients (capability-negotiation spec).
                    session.EnableCap(Capabilities.CapNotify);
                }

                SendList(session, server, "LS", Capabilities.Tokens(context.Server.SupportedCapabilities, session.CapVersion >= 302 ? context.Server.CapabilityValues : null));
                break;
            case "LIST":
                SendList(session, server, "LIST", [.. session.EnabledCaps.Order(StringComparer.Ordinal)]);
                break;
            case "REQ":
                Request(context, message.Count > 1 ? message[1] : string.Empty);
                break;
            case "END":
                session.CapNegotiating = false;
                RegistrationFlow.TryComplete(context);
                break;
            default:
                session.Numeric(Numerics.ErrInvalidCapCmd, message[0], "Invalid CAP command");
                break;
        }
    }

    /// <summary>
    /// <c>CAP target LS|LIST :tokens</c> in as many lines as the tokens need: every line but the
    /// last says <c>*</c> before the list (capability-negotiation, "Multiline replies"; a 301
    /// client gets the lines too, as servers do).
    /// </summary>
    private static void SendList(IrcSession session, string server, string subcommand, IReadOnlyList<string> tokens)
    {
        const int budget = 400; // 512 less ":server CAP target LS * :" and CR LF, with room to spare
        var lines = new List<string>();
        var line = string.Empty;
        foreach (var token in tokens)
        {
            if (line.Length > 0 && line.Length + 1 + token.Length > budget)
            {
                lines.Add(line);
                line = string.Empty;
            }

            line = line.Length == 0 ? token : line + " " + token;
        }

        lines.Add(line);
        for (var i = 0; i < lines.Count; i++)
        {
            string[] parameters = i < lines.Count - 1 ? [subcommand, "*", lines[i]] : [subcommand, lines[i]];
            session.Reply(server, "CAP", session.Target, parameters, trailing: true);
        }
    }

    /// <summary>All or nothing: ACK when every requested change is possible, else NAK and no change.</summary>
    private static void Request(IrcContext context, string requested)
    {
        var session = context.Session;
        if (!session.IsRegistered)
        {
            session.CapNegotiating = true;
        }

        var changes = requested.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var valid = changes.Length > 0 && changes.All(c => context.Server.SupportedCapabilities.Contains(c.TrimStart('-')));
        var reply = valid ? "ACK" : "NAK";
        if (valid)
        {
            foreach (var change in changes)
            {
                if (change.StartsWith('-'))
                {
                    session.DisableCap(change[1..]);
                }
                else
                {
                    session.EnableCap(change);
                }
            }
        }

        session.SendLine(IrcLine.Build(context.Server.Name, "CAP", [session.Target, reply, requested], trailing: true));
    }
}
