using Charla.Core.Sessions;
using Charla.Protocols.Irc.Commands;
using Charla.Protocols.Irc.Replies;

namespace Charla.Protocols.Irc.Registration;

/// <summary>
/// Completes registration once NICK and USER are in and capability negotiation has ended, then
/// sends the welcome burst: 001-004, 005 (ISUPPORT), LUSERS and the MOTD.
/// </summary>
public static class RegistrationFlow
{
    public static void TryComplete(IrcContext context)
    {
        var session = context.Session;
        if (session.IsRegistered || session.PendingNick is not { } nick || !session.HasUser || session.CapNegotiating)
        {
            return;
        }

        if (context.Engine.PasswordHash is { } hash && !session.PasswordAccepted)
        {
            CheckPassword(context, hash);
            return;
        }

        switch (context.Engine.Attach(session, nick))
        {
            case AttachResult.NickInUse:
                session.PendingNick = null;
                session.Numeric(Numerics.ErrNicknameInUse, nick, "Nickname is already in use");
                return;
            case AttachResult.ShuttingDown:
                session.Close(DisconnectReason.ServerShutdown);
                return;
            case AttachResult.Banned:
                return; // closed with the ban's reason

        }

        session.MarkRegistered();
        SendWelcome(context);
    }

    /// <summary>
    /// The server password, checked off the loop (a PBKDF2 hash); registration goes on when it
    /// matches. A wrong or missing one gets 464 and the connection is closed (Modern IRC, PASS).
    /// </summary>
    private static void CheckPassword(IrcContext context, string hash)
    {
        var session = context.Session;
        var check = session.GivenPassword is { } given ? Core.Security.PasswordHash.VerifyAsync(given, hash) : Task.FromResult(false);
        session.GivenPassword = null;
        session.ContinueAfter(check, () =>
        {
            if (check.IsCompletedSuccessfully && check.Result)
            {
                session.PasswordAccepted = true;
                TryComplete(context);
                return;
            }

            context.Engine.Events.Refused("IRC", session.RealHost, 0, "wrong or missing server password");
            session.Numeric(Numerics.ErrPasswdMismatch, "Password incorrect");
            session.Close(Core.Sessions.DisconnectReason.Refused("Bad password"));
        });
    }

    /// <summary>The RPL_ISUPPORT lines (also sent for VERSION).</summary>
    public static void SendISupport(IrcContext context)
    {
        foreach (var line in context.Server.ISupportLines)
        {
            context.Session.Numeric(Numerics.RplISupport, line);
        }
    }

    /// <summary>
    /// With draft/metadata-2 and batch, the client's own metadata (set before registration) in a
    /// metadata batch, before the MOTD.
    /// </summary>
    private static void SendOwnMetadata(IrcSession session)
    {
        if (!session.IsMetadataAware)
        {
            return;
        }

        var values = session.HasMetadata ? session.Metadata.All : [];
        ReplyBatch.Send(session, "metadata", session.Nick, id => MetadataSync.Send(session, session.Nick, values, id, subscribedOnly: false));
    }

    private static void SendWelcome(IrcContext context)
    {
        var (session, server) = (context.Session, context.Server);
        session.Numeric(Numerics.RplWelcome, $"Welcome to the {server.Options.NetworkName} IRC Network, {session.Prefix}");
        session.Numeric(Numerics.RplYourHost, server.YourHostText);
        session.Numeric(Numerics.RplCreated, server.CreatedText);
        session.NumericRaw(Numerics.RplMyInfo, server.MyInfo);

        SendISupport(context);
        LusersCommand.Send(context);
        SendOwnMetadata(session);
        MotdCommand.Send(context);
    }
}
