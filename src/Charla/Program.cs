using System.CommandLine;
using Charla.Commands;

var root = new RootCommand("Charla: a chat server (IRC and a plain line mode, with history) and its client.")
{
    ServeCommand.Create(),
    ConnectCommand.Create(),
    HashPasswordCommand.Create(),
};

// Signals are the generic host's business in `serve` (graceful shutdown, exit 0), and plain
// process death is right for `connect`: System.CommandLine must not install its own handler.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
