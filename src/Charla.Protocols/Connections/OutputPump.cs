using System.Buffers;
using System.IO.Pipelines;
using Charla.Core.Sessions;

namespace Charla.Protocols.Connections;

/// <summary>
/// A connection's single writer loop: the only code that writes to the transport's output.
/// It takes everything queued, writes it, and flushes once (many lines, one syscall), then waits
/// for more. It ends when the queue is completed and drained, or when the transport is gone.
/// </summary>
public static class OutputPump
{
    public static async Task RunAsync(ClientSession session, PipeWriter output)
    {
        var queue = session.Output;
        try
        {
            while (await queue.WaitToReadAsync())
            {
                while (queue.TryDequeue(out var lines))
                {
                    output.Write(lines.Span);
                }

                var flush = await output.FlushAsync();
                if (flush.IsCanceled || flush.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The transport failed under us (reset, aborted). The session cannot be written to.
            session.Close(DisconnectReason.ConnectionLost(ex.Message));
        }
    }
}
