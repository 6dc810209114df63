using System.Buffers;
using System.IO.Pipelines;
using Charla.Core.Output;

namespace Charla.Protocols.Connections;

/// <summary>A line transport on a duplex pipe (in-memory pipes in tests, any pipe-based stream).</summary>
public sealed class PipeTransport(IDuplexPipe pipe) : ILineTransport, IOutputWriter
{
    public PipeReader Input => pipe.Input;

    public IOutputWriter Output => this;

    public void AbortOutput() => pipe.Output.CancelPendingFlush();

    public async ValueTask CloseAsync()
    {
        await pipe.Input.CompleteAsync();
        await pipe.Output.CompleteAsync();
    }

    public ValueTask<bool> WriteAsync(ReadOnlySpan<ReadOnlyMemory<byte>> lines)
    {
        var output = pipe.Output;
        try
        {
            foreach (var line in lines)
            {
                output.Write(line.Span);
            }

            var flush = output.FlushAsync();
            return flush.IsCompletedSuccessfully ? new(Taken(flush.Result)) : AwaitFlushAsync(flush);
        }
        catch (Exception ex) when (IsTransportFailure(ex))
        {
            return new(false);
        }
    }

    private static async ValueTask<bool> AwaitFlushAsync(ValueTask<FlushResult> flush)
    {
        try
        {
            return Taken(await flush);
        }
        catch (Exception ex) when (IsTransportFailure(ex))
        {
            return false;
        }
    }

    private static bool IsTransportFailure(Exception ex) => ex is IOException or ObjectDisposedException or InvalidOperationException;

    private static bool Taken(FlushResult flush) => !flush.IsCanceled && !flush.IsCompleted;
}
