using System.IO.Pipelines;
using Charla.Core;
using Charla.Core.Limits;
using Charla.Core.Sessions;
using Charla.Protocols.Connections;
using Charla.Protocols.Lines;

namespace Charla.Protocols.Plain;

/// <summary>
/// The life of one plain-mode connection, on any duplex pipe (a Kestrel socket in the server,
/// an in-memory pipe in tests): greet, join the lobby, read and handle lines until the client
/// leaves or is dropped, then say goodbye, tell the lobby, and close.
/// </summary>
public static class PlainConnection
{
    /// <param name="drainTimeout">How long the goodbye may take to reach a client that is slow to read.</param>
    public static async Task RunAsync(
        ChatEngine engine, PlainOptions options, IDuplexPipe transport, string remoteHost, TimeSpan drainTimeout)
    {
        var session = new PlainSession(transport, remoteHost, options, engine.Options, engine.Time);
        var writer = OutputPump.RunAsync(session, transport.Output);
        try
        {
            if (!engine.Attach(session))
            {
                session.Close(DisconnectReason.ServerShutdown);
                return;
            }

            engine.Join(session, engine.Lobby, members => session.Reply(PlainReplies.Welcome(session.Nick, members.Count - 1)));
            session.Close(await ReadLinesAsync(engine, options, session, transport.Input));
        }
        catch
        {
            session.Close(DisconnectReason.InternalError);
            throw;
        }
        finally
        {
            var reason = session.CloseReason!;
            engine.Detach(session, reason);
            await FinishAsync(session, reason, transport, writer, drainTimeout);
        }
    }

    /// <summary>Reads and handles lines until the peer closes or the session is closed.</summary>
    private static async Task<DisconnectReason> ReadLinesAsync(
        ChatEngine engine, PlainOptions options, PlainSession session, PipeReader input)
    {
        var framer = new LineFramer(options.MaxLineBytes);
        var flood = new FloodGate(engine.Options.Flood, engine.Time);
        var handler = new PlainLineHandler(engine, session);
        while (true)
        {
            ReadResult result;
            try
            {
                result = await input.ReadAsync();
            }
            catch (IOException ex)
            {
                return DisconnectReason.ConnectionLost(ex.InnerException?.Message ?? ex.Message);
            }
            catch (OperationCanceledException)
            {
                // The transport aborted the connection (Kestrel's ConnectionAbortedException).
                return DisconnectReason.ConnectionLost("Connection aborted");
            }

            if (result.IsCanceled || session.IsClosing)
            {
                return session.CloseReason ?? DisconnectReason.ConnectionClosed;
            }

            session.MarkActivity();
            var buffer = result.Buffer;
            while (!session.IsClosing)
            {
                var status = framer.TryRead(ref buffer, out var line);
                if (status == FrameStatus.NeedMore)
                {
                    break;
                }

                switch (flood.Take())
                {
                    case FloodVerdict.Disconnect:
                        session.Close(DisconnectReason.ExcessFlood);
                        continue;
                    case FloodVerdict.Refuse:
                        session.Reply(PlainReplies.TooFast);
                        continue;
                }

                if (status == FrameStatus.TooLong)
                {
                    session.Reply(PlainReplies.LineTooLong(options.MaxLineBytes));
                }
                else
                {
                    handler.Handle(line);
                }
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (session.IsClosing)
            {
                return session.CloseReason!;
            }

            if (result.IsCompleted)
            {
                return DisconnectReason.ConnectionClosed;
            }
        }
    }

    /// <summary>Says goodbye (unless the client cannot be written to), drains the output, closes the pipe.</summary>
    private static async Task FinishAsync(
        PlainSession session, DisconnectReason reason, IDuplexPipe transport, Task writer, TimeSpan drainTimeout)
    {
        var goodbye = reason.Kind switch
        {
            DisconnectKind.Quit => PlainReplies.Farewell(session.Nick),
            DisconnectKind.ServerShutdown => PlainReplies.ServerShutdown,
            DisconnectKind.ExcessFlood or DisconnectKind.IdleTimeout or DisconnectKind.InternalError =>
                PlainReplies.Disconnected(reason.Message),
            _ => null,
        };
        if (goodbye is not null)
        {
            session.Output.TryEnqueue(PlainReplies.Encode(goodbye));
        }

        session.Output.Complete();
        if (reason.DiscardsOutput)
        {
            transport.Output.CancelPendingFlush();
        }

        try
        {
            await writer.WaitAsync(drainTimeout);
        }
        catch (TimeoutException)
        {
            transport.Output.CancelPendingFlush();
            await writer;
        }

        await transport.Input.CompleteAsync();
        await transport.Output.CompleteAsync();
    }
}
