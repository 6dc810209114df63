using System.Buffers;
using Charla.Core;
using Charla.Core.Channels;
using Charla.Core.Sessions;
using Charla.Protocols.Connections;
using Charla.Protocols.Plain.History;

namespace Charla.Protocols.Plain;

/// <summary>
/// Plain mode on a connection: on start, a guest name, the lobby and a welcome; then every line
/// to <see cref="PlainLineHandler"/>; at the end, a goodbye that says why.
/// </summary>
public sealed class PlainConnection : ILineProtocol
{
    private readonly ChatEngine _engine;
    private readonly PlainSession _session;
    private readonly PlainLineHandler _handler;
    private readonly int _replayLines;

    private PlainConnection(ChatEngine engine, PlainOptions options, PlainSession session)
    {
        _engine = engine;
        _replayLines = options.ReplayLines;
        _session = session;
        _handler = new PlainLineHandler(engine, session);
        MaxLineBytes = options.MaxLineBytes;
    }

    public int MaxLineBytes { get; }

    public FloodPolicy FloodPolicy => FloodPolicy.Refuse;

    public int MaxPendingBytes => 0;

    /// <summary>Runs a plain-mode connection on <paramref name="transport"/> until it ends (see <see cref="LineConnection.RunAsync"/> for <paramref name="observer"/>).</summary>
    public static Task RunAsync(
        ChatEngine engine, PlainOptions options, ILineTransport transport, string remoteHost, TimeSpan drainTimeout, IConnectionObserver? observer = null)
    {
        var session = new PlainSession(transport, remoteHost, options, engine.Options, engine.Time);
        return LineConnection.RunAsync(engine, session, new PlainConnection(engine, options, session), transport, drainTimeout, observer);
    }

    public void Start()
    {
        if (_engine.PasswordHash is not null)
        {
            // Nobody is admitted, or hears anything, before the server password.
            _awaitingPassword = true;
            _session.Reply(PlainReplies.PasswordNeeded);
            return;
        }

        Admit();
    }

    private bool _awaitingPassword;

    /// <summary>
    /// The one line a client may send before the server password: <c>/pass PASSWORD</c>, checked
    /// off the loop; a match admits it, anything else closes the connection.
    /// </summary>
    private void CheckPassword(string line)
    {
        if (!line.StartsWith("/pass ", StringComparison.OrdinalIgnoreCase))
        {
            _session.Reply(PlainReplies.PasswordNeeded);
            return;
        }

        _awaitingPassword = false;
        var check = Core.Security.PasswordHash.VerifyAsync(line[6..].Trim(), _engine.PasswordHash!);
        _session.ContinueAfter(check, () =>
        {
            if (check.IsCompletedSuccessfully && check.Result)
            {
                Admit();
                return;
            }

            _engine.Events.Refused("plain", _session.RealHost, 0, "wrong server password");
            _session.Close(DisconnectReason.Refused("Wrong password"));
        });
    }

    private void Admit()
    {
        if (!_engine.Attach(_session))
        {
            _session.Close(DisconnectReason.ServerShutdown);
            return;
        }

        var joined = _engine.Join(_session, _engine.LobbyName, (lobby, members, _) =>
        {
            _session.Lobby = lobby;
            _session.Reply(PlainReplies.Welcome(_session.Nick, members.Count - 1));
            if (lobby.Topic is { Text.Length: > 0 } topic)
            {
                _session.Reply(PlainReplies.Topic(topic.Text, topic.SetBy));
            }

            if (_engine.History is { } history && _replayLines > 0)
            {
                // Asked for under the lobby's lock: the read sees exactly what was said before this
                // join (the store's reads see what was appended before them); after it, the user sees live.
                _session.SendWhenReady(PlainHistory.LatestAsync(history, lobby.HistoryKey, _replayLines, "* Earlier in the lobby", whenEmpty: null));
            }
        });
        if (joined != JoinResult.Joined)
        {
            // Its moderators closed the lobby to this user (+b, +i, +k, +l): plain mode has no other room.
            var why = joined switch
            {
                JoinResult.Banned => "you are banned from it",
                JoinResult.InviteOnly => "it is invite only",
                JoinResult.BadKey => "it needs a key",
                JoinResult.Full => "it is full",
                _ => joined.ToString(),
            };
            _session.Close(new DisconnectReason(DisconnectKind.Kicked, $"The lobby would not let you in: {why}"));
        }
    }

    public void OnLine(in ReadOnlySequence<byte> line)
    {
        if (_awaitingPassword)
        {
            CheckPassword(System.Text.EncodingExtensions.GetString(System.Text.Encoding.UTF8, line));
            return;
        }

        _handler.Handle(line);
    }

    public void OnLineTooLong() => _session.Reply(PlainReplies.LineTooLong(MaxLineBytes));

    public void OnFloodRefused() => _session.Reply(PlainReplies.TooFast);

    public ReadOnlyMemory<byte> Goodbye(DisconnectReason reason) => reason.Kind switch
    {
        DisconnectKind.Quit => PlainReplies.Encode(PlainReplies.Farewell(_session.Nick)),
        DisconnectKind.ServerShutdown => PlainReplies.Encode(PlainReplies.ServerShutdown),
        DisconnectKind.ExcessFlood or DisconnectKind.IdleTimeout or DisconnectKind.InternalError or DisconnectKind.Killed or DisconnectKind.Banned
            or DisconnectKind.Kicked or DisconnectKind.Refused =>
            PlainReplies.Encode(PlainReplies.Disconnected(reason.Message)),
        _ => ReadOnlyMemory<byte>.Empty,
    };
}
