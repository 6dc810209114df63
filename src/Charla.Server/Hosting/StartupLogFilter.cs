using Microsoft.Extensions.Logging;

namespace Charla.Server.Hosting;

/// <summary>
/// Keeps a failed start to one clear line. The host logs a failed bind as an error with its
/// stack trace before the exception reaches us; <see cref="CharlaServer.StartAsync"/> turns the
/// exception into a <see cref="ServerStartException"/> that the command prints in one line, so
/// that record would only repeat it as noise. The host's category logs nothing else we need:
/// our one background service logs its own failures (<see cref="Liveness.LivenessService"/>).
/// </summary>
internal static class StartupLogFilter
{
    public static ILoggingBuilder AddStartupLogFilter(this ILoggingBuilder logging) =>
        logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
}
