using System.CommandLine;
using System.Text;
using Charla.Core.Security;

namespace Charla.Commands;

/// <summary>
/// <c>charla hash-password</c>: reads a password (typed without echo, asked twice; or the first
/// line of a pipe) and prints its hash for the configuration (an operator's PasswordHash).
/// </summary>
public static class HashPasswordCommand
{
    public static Command Create()
    {
        var iterations = new Option<int>("--iterations")
        {
            Description = $"PBKDF2 iterations (default {PasswordHash.DefaultIterations}; more is slower to check and to guess).",
            DefaultValueFactory = _ => PasswordHash.DefaultIterations,
        };
        var command = new Command("hash-password", "Print the hash of a password, for Irc:Operators:N:PasswordHash. Reads it from the terminal (without echo) or standard input.")
        {
            iterations,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(iterations) < 1)
            {
                Console.Error.WriteLine("charla: --iterations must be at least 1");
                return 2;
            }

            var password = Console.IsInputRedirected ? Console.In.ReadLine() : AskTwice();
            if (string.IsNullOrEmpty(password))
            {
                Console.Error.WriteLine("charla: no password given (an empty one is refused)");
                return 2;
            }

            Console.Out.WriteLine(PasswordHash.Create(password, parse.GetValue(iterations)));
            return 0;
        });
        return command;
    }

    private static string? AskTwice()
    {
        var first = Ask("Password: ");
        if (first != Ask("Again: "))
        {
            Console.Error.WriteLine("charla: the two passwords differ");
            return null;
        }

        return first;
    }

    /// <summary>Reads a line from the terminal without showing it.</summary>
    private static string Ask(string prompt)
    {
        Console.Error.Write(prompt);
        var typed = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return typed.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }
    }
}
