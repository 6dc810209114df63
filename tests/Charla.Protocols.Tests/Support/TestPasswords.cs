using Charla.Core.Security;

namespace Charla.Protocols.Tests.Support;

/// <summary>Password hashes for configured operators in tests: the real format and check, with few iterations so tests stay quick.</summary>
public static class TestPasswords
{
    public static string Hash(string password) => PasswordHash.Create(password, iterations: 1_000);
}
