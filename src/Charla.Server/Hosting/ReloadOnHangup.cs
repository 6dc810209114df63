using System.Runtime.InteropServices;
using Charla.Server.Configuration;
using Microsoft.Extensions.Hosting;

namespace Charla.Server.Hosting;

/// <summary>SIGHUP reloads the configuration, as daemons do, instead of ending the process (Unix only).</summary>
public sealed class ReloadOnHangup(ConfigurationReloader reloader) : IHostedService, IDisposable
{
    private PosixSignalRegistration? _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsWindows())
        {
            _registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true; // not the default, which ends the process
                _ = reloader.ReloadAsync("SIGHUP"); // it logs what happened
            });
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _registration?.Dispose();
}
