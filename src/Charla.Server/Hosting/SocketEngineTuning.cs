namespace Charla.Server.Hosting;

/// <summary>How the runtime's socket engine should run for a chat server; applied before any socket exists.</summary>
public static class SocketEngineTuning
{
    private const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>
    /// Runs socket completions on the runtime's epoll threads (one per core with this on)
    /// instead of handing each to the thread pool: a line read is handled where it arrived,
    /// with no thread hop, as an event-loop server does. Safe because the line loop never blocks;
    /// big fan-outs are written from the pool (<see cref="Core.Output.OutputBatch"/>). The
    /// runtime reads this variable once, when the first socket starts; a value the operator set
    /// wins. Measured in bench/RESULTS.md.
    /// </summary>
    public static void Apply()
    {
        if (Environment.GetEnvironmentVariable(InlineCompletions) is null)
        {
            Environment.SetEnvironmentVariable(InlineCompletions, "1");
        }
    }
}
