using Charla.Core;
using Charla.Core.Channels;
using Charla.Core.Output;
using Charla.Core.Routing;
using Charla.Core.Sessions;
using Charla.Protocols.Connections;

namespace Charla.Protocols.Plain;

/// <summary>A plain-mode client: the core's session plus the pipe its connection runs on.</summary>
public sealed class PlainSession : TransportSession
{
    public override string Protocol => "plain";

    /// <summary>How plain-mode users appear to IRC users: <c>Guest1!plain@127.0.0.1</c>.</summary>
    public const string PlainUserName = "plain";

    private readonly TimeSpan _idleTimeout;

    public PlainSession(ILineTransport transport, string host, PlainOptions options, EngineOptions engineOptions, TimeProvider time)
        : base(transport, PlainWireFormat.Instance, host, engineOptions, time)
    {
        _idleTimeout = TimeSpan.FromSeconds(options.IdleTimeoutSeconds);
        UserName = PlainUserName;
        RealName = "Plain-mode user";
    }

    /// <summary>
    /// The lobby this client is in, from its arrival on: plain mode has no other room; a
    /// moderator who puts a plain-mode user out of it disconnects it (<see cref="OnKicked"/>).
    /// </summary>
    public Channel Lobby { get; internal set; } = null!;

    /// <summary>Plain mode has no room but the lobby: put out of it, the user is disconnected, told who did it and why.</summary>
    public override void OnKicked(Channel channel, string by, string reason)
    {
        if (ReferenceEquals(channel, Lobby))
        {
            Close(DisconnectReason.Kicked(by, reason));
        }
    }

    /// <summary>Whether this user may speak in the lobby now (not muted or banned there); if not, it is told its line was not sent.</summary>
    public bool MaySpeak()
    {
        if (Lobby.CanSend(this))
        {
            return true;
        }

        Reply(PlainReplies.Muted);
        return false;
    }

    /// <summary>Queues one server line to this client.</summary>
    public void Reply(string line) => Send(PlainReplies.Encode(line));

    /// <summary>(OK) for a message sent: once it is on disk, when history keeps it (an error instead if it could not be stored).</summary>
    public void Acknowledge(ChatEvent sent)
    {
        if (sent.Stored is { } ticket)
        {
            SendWhenStored(ticket, new StoredAcknowledgement());
        }
        else
        {
            Send(PlainReplies.Ok);
        }
    }

    private sealed class StoredAcknowledgement : StoredReply
    {
        protected override ReadOnlyMemory<byte> Reply(bool stored) => stored ? PlainReplies.Ok : PlainReplies.NotStored;
    }

    public override void CheckLiveness(long nowTimestamp)
    {
        if (_idleTimeout > TimeSpan.Zero && IdleFor(nowTimestamp) > _idleTimeout)
        {
            Close(DisconnectReason.IdleTimeout(_idleTimeout));
        }
    }
}
