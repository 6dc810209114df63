using Charla.Protocols.Irc;

namespace Charla.Protocols.Tests.Support;

/// <summary>A server with two operator blocks for the operator tests, and OPER as a step.</summary>
internal static class TestOperators
{
    /// <summary>Operators root (password s3cret, class admin: every privilege) and helper (h3lp, a class with kill only).</summary>
    public static InMemoryServer Start() =>
        InMemoryServer.Start(irc =>
        {
            irc.Operators =
            [
                new IrcOperator { Name = "root", PasswordHash = TestPasswords.Hash("s3cret") },
                new IrcOperator { Name = "helper", PasswordHash = TestPasswords.Hash("h3lp"), Class = "killers" },
            ];
            irc.OperatorClasses = new() { ["killers"] = ["kill"] };
        });

    /// <summary>Sends OPER and reads up to its 381.</summary>
    public static async Task OperAsync(IrcClient client, string name = "root", string password = "s3cret")
    {
        await client.SendAsync($"OPER {name} {password}");
        await client.ReadUntilAsync(r => r.Command == "381");
    }
}
