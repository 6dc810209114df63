using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Charla.Core;
using Charla.Core.Sessions;
using Charla.Protocols.Connections;
using Charla.Protocols.Irc.Commands;
using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc;

/// <summary>
/// IRC on a connection: every line is checked (length, UTF-8, NUL), parsed and dispatched
/// through <see cref="IrcCommandTable"/>; excess lines are delayed, not refused; the last line
/// is an ERROR that says why the link closes.
/// </summary>
public sealed class IrcConnection : IrcContext, ILineProtocol
{
    private IrcConnection(ChatEngine engine, IrcSession session, IrcServerInfo server)
        : base(engine, session, server)
    {
        MaxPendingBytes = server.Options.RecvQueueBytes;
    }

    public int MaxLineBytes => IrcLimits.MaxLineBytes;

    public FloodPolicy FloodPolicy => FloodPolicy.Delay;

    public int MaxPendingBytes { get; }

    /// <summary>Runs an IRC connection on <paramref name="transport"/> until it ends (see <see cref="LineConnection.RunAsync"/> for <paramref name="observer"/>).</summary>
    public static Task RunAsync(
        ChatEngine engine, IrcServerInfo server, ILineTransport transport, string remoteHost, TimeSpan drainTimeout, IConnectionObserver? observer = null)
    {
        var session = new IrcSession(transport, remoteHost, server, engine.Options, engine.Time);
        var protocol = new IrcConnection(engine, session, server);
        return LineConnection.RunAsync(engine, session, protocol, transport, drainTimeout, observer);
    }

    public void Start()
    {
    }

    public void OnLine(in ReadOnlySequence<byte> line)
    {
        if (line.IsEmpty)
        {
            return;
        }

        var bytes = line.IsSingleSegment ? line.FirstSpan : line.ToArray();
        var tagsLength = TagsLength(bytes);
        if (tagsLength > IrcLimits.MaxClientTagsBytes || bytes.Length - tagsLength > IrcLimits.MaxMessageBytes)
        {
            OnLineTooLong();
            return;
        }

        // Lines that are not UTF-8 or hold a NUL are refused, with the command they carried
        // (FAIL PRIVMSG INVALID_UTF8) and, when labeled, the label: they are parsed all the same,
        // invalid sequences read as U+FFFD.
        var problem = !Utf8.IsValid(bytes) ? LineProblem.InvalidUtf8 : bytes.Contains((byte)0) ? LineProblem.Nul : LineProblem.None;
        if (IrcParser.ParseReused(bytes) is not { } message)
        {
            Refuse(problem, "*");
            return;
        }

        var session = Session;
        var label = LabelOf(message);
        if (label is not null && message.CommandSpan.Equals("BATCH", StringComparison.OrdinalIgnoreCase))
        {
            // A batch's label is for the reply to the whole batch, at its end: BATCH keeps it.
            session.BatchLabel = label;
            label = null;
        }

        if (label is not null)
        {
            session.BeginCapture();
        }

        try
        {
            if (problem == LineProblem.None)
            {
                IrcCommandTable.Dispatch(this, message);
            }
            else
            {
                Refuse(problem, message.Command);
            }
        }
        finally
        {
            if (label is not null)
            {
                session.FinishLabeled(label);
            }

            session.BatchLabel = null;
        }
    }

    /// <summary>The label a labeled-response client put on <paramref name="message"/>, or null.</summary>
    private string? LabelOf(IrcMessage message) =>
        Session.Has(Capabilities.LabeledResponse) && message.Tags.TryGetValue("label", out var label)
        && label.Length > 0 && Encoding.UTF8.GetByteCount(label) <= LabeledResponse.MaxLabelBytes ? label : null;

    private void Refuse(LineProblem problem, string command)
    {
        switch (problem)
        {
            case LineProblem.InvalidUtf8:
                Session.Fail(command, "INVALID_UTF8", "Message rejected, your IRC software MUST use UTF-8 encoding on this network");
                break;
            case LineProblem.Nul:
                Session.Fail(command, "INVALID_MESSAGE", "Message rejected: it contains a NUL byte");
                break;
        }
    }

    public void OnLineTooLong() => Session.Numeric(Numerics.ErrInputTooLong, "Input line was too long");

    public void OnFloodRefused()
    {
        // Never called: IRC delays excess lines (FloodPolicy.Delay) instead of refusing them.
    }

    public ReadOnlyMemory<byte> Goodbye(DisconnectReason reason)
    {
        var session = Session;
        var text = reason.Kind == DisconnectKind.Quit ? $"Quit: {reason.Message}" : reason.Message;
        var error = ClosingLink(session.RealHost, text);
        if (reason.Kind == DisconnectKind.Banned)
        {
            // ERR_YOUREBANNEDCREEP before the ERROR, as ircds tell a banned client.
            var banned = IrcLine.Build(Server.Name, Numerics.ErrYoureBannedCreep, [session.Target, "You are banned from this server"], trailing: true);
            return IrcLine.Encode(banned + error);
        }

        return IrcLine.Encode(error);
    }

    /// <summary>
    /// The ERROR a client gets, before it is closed, when the server does not take it: for
    /// <paramref name="reason"/> (a limit of its address), or, when null, because the server is
    /// full (Tcp:MaxConnections or its descriptor limit).
    /// </summary>
    public static byte[] Refusal(string remoteHost, string? reason) =>
        IrcLine.Encode(ClosingLink(remoteHost, reason ?? "Server is full, try again later"));

    /// <summary><c>ERROR :Closing Link: host (why)</c>, the last line before every close, as ircds word it.</summary>
    private static string ClosingLink(string host, string why) =>
        IrcLine.Build(null, "ERROR", [$"Closing Link: {IrcLine.Host(host)} ({why})"], trailing: true);

    /// <summary>
    /// Bytes of the tags section, '@' and its space included (0 without tags): the rest is the
    /// message that IRC's 512-byte limit applies to.
    /// </summary>
    private static int TagsLength(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty || line[0] != (byte)'@')
        {
            return 0;
        }

        var space = line.IndexOf((byte)' ');
        return space < 0 ? line.Length : space + 1;
    }

    /// <summary>Why a line is refused before its command runs.</summary>
    private enum LineProblem
    {
        None,
        InvalidUtf8,
        Nul,
    }
}
