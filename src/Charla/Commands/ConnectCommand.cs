using System.CommandLine;
using Charla.Client.Plain;

namespace Charla.Commands;

/// <summary><c>charla connect HOST [PORT]</c>: chat in plain mode from a terminal or a pipe.</summary>
public static class ConnectCommand
{
    public const int DefaultPort = 5556;

    public static Command Create()
    {
        var host = new Argument<string>("host") { Description = "The server's name or address." };
        var port = new Argument<int>("port")
        {
            Description = $"Its plain-mode port (default {DefaultPort}).",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => DefaultPort,
        };

        var command = new Command("connect", "Chat with a Charla server in plain mode: type lines, /help for commands, /quit to leave.")
        {
            host,
            port,
        };
        command.SetAction((parse, cancellationToken) => PlainChatClient.RunAsync(
            parse.GetValue(host)!,
            parse.GetValue(port),
            Console.In,
            Console.OpenStandardOutput(),
            Console.Error,
            cancellationToken));
        return command;
    }
}
