using System.Buffers;
using System.IO.Pipelines;
using Charla.Core;
using Charla.Core.Limits;
using Charla.Core.Output;
using Charla.Core.Sessions;
using Charla.Protocols.Lines;

namespace Charla.Protocols.Connections;

/// <summary>
/// The life of one line-based connection, on any line transport (a socket in the server, an
/// in-memory pipe in tests): connect the output queue to the transport, read and dispatch lines
/// until the client leaves or is dropped, then detach the session (its peers are told), say
/// goodbye, drain, and close. The protocol decides what lines mean; this decides how a
/// connection lives and dies.
/// </summary>
/// <remarks>
/// Each read buffer is handled inside one <see cref="OutputBatch"/>: whatever its lines queue
/// for other clients is written once per recipient when the buffer is done (or, for a few
/// recipients, when an enclosing batch, an epoll loop's turn, is done).
/// </remarks>
public static class LineConnection
{
    /// <param name="drainTimeout">How long the goodbye may take to reach a client that is slow to read.</param>
    /// <param name="observer">
    /// Told when the connection has ended, with the error if it failed on one of Charla's own;
    /// then the returned task never faults. Without one, such an error faults the task.
    /// </param>
    /// <remarks>One async method for the whole life (no nested read loop, no awaiting wrapper): an idle connection holds one state machine.</remarks>
    public static async Task RunAsync(
        ChatEngine engine, ClientSession session, ILineProtocol protocol, ILineTransport transport, TimeSpan drainTimeout, IConnectionObserver? observer = null)
    {
        Exception? failure = null;
        try
        {
            try
            {
                session.Output.Attach(transport.Output);
                var input = transport.Input;
                if (engine.Open(session))
                {
                    using var batch = OutputBatch.Open();
                    protocol.Start();
                }
                else
                {
                    session.Close(DisconnectReason.ServerShutdown);
                }

                var framer = new LineFramer(protocol.MaxLineBytes);
                var flood = new FloodGate(engine.Options.Flood, engine.Time);
                var delaying = false; // a line was put back to wait for the flood gate: its token is paid
                while (!session.IsClosing)
                {
                    ReadResult result;
                    try
                    {
                        result = await input.ReadAsync();
                    }
                    catch (IOException ex)
                    {
                        session.Close(DisconnectReason.ConnectionLost(ex.InnerException?.Message ?? ex.Message));
                        break;
                    }
                    catch (OperationCanceledException)
                    {
                        // The transport aborted the connection.
                        session.Close(DisconnectReason.ConnectionLost("Connection aborted"));
                        break;
                    }

                    if (result.IsCanceled || session.IsClosing)
                    {
                        session.Close(DisconnectReason.ConnectionClosed); // keeps the first reason, if any
                        break;
                    }

                    session.MarkActivity();
                    var buffer = result.Buffer;
                    if (delaying && buffer.Length > protocol.MaxPendingBytes)
                    {
                        // Still sending while its commands wait: a real flood, not a burst.
                        session.Close(DisconnectReason.ExcessFlood);
                        break;
                    }

                    var putBack = HandleLines(session, protocol, ref framer, ref flood, ref buffer, ref delaying);
                    var waiting = session.TakeContinuation();

                    // Lines put back (for the flood gate, or behind a command's slow work) are not
                    // examined either, so the next read returns them at once.
                    input.AdvanceTo(buffer.Start, putBack || waiting is not null ? buffer.Start : buffer.End);
                    if (waiting is { } continuation)
                    {
                        await ContinueAsync(session, continuation);
                    }
                    else if (putBack && !session.IsClosing)
                    {
                        await Task.Delay(flood.TimeUntilClear, engine.Time);
                    }
                    else if (result.IsCompleted)
                    {
                        session.Close(DisconnectReason.ConnectionClosed);
                    }
                }
            }
            catch (Exception ex)
            {
                session.Close(DisconnectReason.InternalError);
                if (observer is null)
                {
                    throw;
                }

                failure = ex;
            }
            finally
            {
                var reason = session.CloseReason!;
                using (OutputBatch.Open())
                {
                    engine.Detach(session, reason);
                }

                await FinishAsync(session, protocol.Goodbye(reason), reason, transport, drainTimeout);
            }
        }
        catch (Exception ex) when (observer is not null)
        {
            failure ??= ex; // leaving failed (detach, goodbye or close)
        }
        finally
        {
            observer?.OnEnded(transport, session.Host, failure);
        }
    }

    /// <summary>
    /// Handles the complete lines in <paramref name="buffer"/> (advancing it past them) in one
    /// output batch. True when a line was put back to wait for the flood gate.
    /// </summary>
    private static bool HandleLines(
        ClientSession session, ILineProtocol protocol, ref LineFramer framer, ref FloodGate flood, ref ReadOnlySequence<byte> buffer, ref bool delaying)
    {
        using var batch = OutputBatch.Open();
        while (!session.IsClosing && !session.IsWaiting)
        {
            var before = buffer;
            var status = framer.TryRead(ref buffer, out var line);
            if (status == FrameStatus.NeedMore)
            {
                return false;
            }

            var verdict = delaying ? FloodVerdict.Accept : flood.Take();
            delaying = false;
            if (verdict != FloodVerdict.Accept && protocol.FloodPolicy == FloodPolicy.Delay && status == FrameStatus.Line)
            {
                // Put the line back and wait, without reading: TCP pushes back on the sender,
                // and the next read shows how much input piled up meanwhile.
                buffer = before;
                delaying = true;
                return true;
            }

            if (verdict == FloodVerdict.Disconnect && protocol.FloodPolicy == FloodPolicy.Refuse)
            {
                session.Close(DisconnectReason.ExcessFlood);
                continue;
            }

            if (verdict == FloodVerdict.Refuse && protocol.FloodPolicy == FloodPolicy.Refuse)
            {
                protocol.OnFloodRefused();
                continue;
            }

            if (status == FrameStatus.TooLong)
            {
                protocol.OnLineTooLong();
            }
            else
            {
                protocol.OnLine(line);
            }
        }

        return false;
    }

    /// <summary>
    /// Waits for the slow work a command left (<see cref="ClientSession.ContinueAfter"/>) and runs
    /// the rest of the command, unless the client left meanwhile. A fault in the work is the
    /// command's to report from <c>then</c> (it sees the task); only the wait is done here.
    /// </summary>
    private static async Task ContinueAsync(ClientSession session, (Task Work, Action Then) continuation)
    {
        try
        {
            await continuation.Work;
        }
        catch (Exception) when (continuation.Work.IsFaulted || continuation.Work.IsCanceled)
        {
            // Seen by the continuation through the task.
        }

        if (!session.IsClosing)
        {
            using var batch = OutputBatch.Open();
            continuation.Then();
        }
    }

    /// <summary>Says goodbye (unless the client cannot be written to), drains the output, closes the transport.</summary>
    private static async Task FinishAsync(
        ClientSession session, ReadOnlyMemory<byte> goodbye, DisconnectReason reason, ILineTransport transport, TimeSpan drainTimeout)
    {
        // The goodbye (and anything still queued) is written here, now, not at the end of an
        // enclosing batch or by a writer lane: a client that reads is drained before the wait
        // below, so leaving costs no hop to another thread and no timer.
        using (OutputBatch.Open())
        {
            if (!goodbye.IsEmpty && !reason.DiscardsOutput)
            {
                session.Output.TryEnqueue(goodbye);
            }

            session.Output.Complete();
            OutputBatch.WriteNow(session.Output);
        }

        if (reason.DiscardsOutput)
        {
            transport.AbortOutput();
        }

        var drained = session.Output.WhenDrainedAsync();
        try
        {
            await drained.WaitAsync(drainTimeout);
        }
        catch (TimeoutException)
        {
            transport.AbortOutput(); // a drain blocked in a write ends now
            session.Output.Abandon(); // lines held behind a reply that never came are dropped
            await drained;
        }

        await transport.CloseAsync();
    }
}
