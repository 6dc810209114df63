using System.CommandLine;
using Charla.Commands;

var root = new RootCommand("Charla: a chat server (plain mode now, IRC next) and its clients.")
{
    ServeCommand.Create(),
    ConnectCommand.Create(),
};

// Signals are the generic host's business in `serve` (graceful shutdown, exit 0), and plain
// process death is right for `connect`: System.CommandLine must not install its own handler.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
