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
