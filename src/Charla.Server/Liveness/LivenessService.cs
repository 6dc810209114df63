using Charla.Core;
using Charla.Core.Liveness;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Charla.Server.Liveness;

/// <summary>Runs the core's liveness sweep once a second for the life of the server.</summary>
public sealed class LivenessService(ChatEngine engine, ILogger<LivenessService> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await LivenessMonitor.RunAsync(engine, Period, stoppingToken);
        }
        catch (Exception ex)
        {
            // Logged here because the host's own log category is muted (see StartupLogFilter).
            logger.LogCritical(ex, "The liveness monitor failed; dead clients will no longer be dropped");
            throw;
        }
    }
}
