using Charla.Core;
using Charla.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Charla.Server.Health;

/// <summary>HTTP endpoints that say whether the server is up.</summary>
public static class HealthEndpoints
{
    /// <summary>
    /// <c>GET /healthz</c>: 200 "ok" while the server accepts clients, 503 "shutting down" once it
    /// is going down (so a load balancer stops sending new clients). <c>HEAD</c> answers the same
    /// status without the body, as HTTP asks of every GET resource (checkers often use it).
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/healthz", [HttpMethods.Get, HttpMethods.Head], (ChatEngine engine) => engine.IsShuttingDown
            ? Results.Text("shutting down\n", statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Text("ok\n"));

        // Readiness: whether the server can do its whole job now, storing history included (a
        // full disk or a lock held elsewhere makes it say so until commits succeed again).
        endpoints.MapMethods("/readyz", [HttpMethods.Get, HttpMethods.Head], (ChatEngine engine, SqliteStore store) =>
            engine.IsShuttingDown ? Results.Text("shutting down\n", statusCode: StatusCodes.Status503ServiceUnavailable)
            : !store.IsWriting ? Results.Text("storage is not writable: messages are not acknowledged\n", statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Text("ready\n"));
        return endpoints;
    }
}
