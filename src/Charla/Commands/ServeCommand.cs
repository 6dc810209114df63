using System.CommandLine;
using System.Globalization;
using Charla.Server.Configuration;
using Charla.Server.Hosting;

namespace Charla.Commands;

/// <summary><c>charla serve</c>: run the server until SIGINT or SIGTERM.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var plainPort = new Option<int?>("--plain-port") { Description = "Plain-mode TCP port (default 5556; 0 picks a free port)." };
        var ircPort = new Option<int?>("--irc-port") { Description = "IRC TCP port (default 6667; 0 picks a free port)." };
        var httpPort = new Option<int?>("--http-port") { Description = "HTTP port for /healthz (default 8080; 0 picks a free port)." };
        var bind = new Option<string?>("--bind") { Description = "Address to listen on: * (all interfaces, the default), localhost, or an IP." };
        var config = new Option<string?>("--config") { Description = "A JSON configuration file (see README: Configuration)." };
        var dataDir = new Option<string?>("--data-dir") { Description = "Where the server keeps its data: history (default ./data, made on first start)." };

        var command = new Command("serve", "Run the Charla server.") { plainPort, ircPort, httpPort, bind, config, dataDir };
        command.SetAction((parse, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>();
            Set(overrides, "Plain:Port", parse.GetValue(plainPort));
            Set(overrides, "Irc:Port", parse.GetValue(ircPort));
            Set(overrides, "Http:Port", parse.GetValue(httpPort));
            if (parse.GetValue(bind) is { } address)
            {
                overrides["Bind"] = address;
            }

            if (parse.GetValue(dataDir) is { } directory)
            {
                overrides["Storage:DataDirectory"] = directory;
            }

            return RunAsync(new ServerSetup(parse.GetValue(config), overrides), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(ServerSetup setup, CancellationToken cancellationToken)
    {
        SocketEngineTuning.Apply();
        CharlaServer server;
        try
        {
            server = CharlaServer.Create(setup);
        }
        catch (ConfigurationException ex)
        {
            await Console.Error.WriteLineAsync($"charla: {ex.Message}");
            return 2;
        }
        catch (ServerStartException ex)
        {
            await Console.Error.WriteLineAsync($"charla: {ex.Message}");
            return 1;
        }

        await using (server)
        {
            try
            {
                await server.StartAsync(cancellationToken);
            }
            catch (ServerStartException ex)
            {
                await Console.Error.WriteLineAsync($"charla: {ex.Message}");
                return 1;
            }

            await server.WaitForShutdownAsync(cancellationToken);
            return 0;
        }
    }

    private static void Set(Dictionary<string, string?> overrides, string key, int? value)
    {
        if (value is { } v)
        {
            overrides[key] = v.ToString(CultureInfo.InvariantCulture);
        }
    }
}
