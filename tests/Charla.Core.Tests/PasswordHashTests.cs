using Charla.Core.Security;

namespace Charla.Core.Tests;

/// <summary>Password hashes: salted, self-describing, checked in constant time, never matching a malformed string.</summary>
public sealed class PasswordHashTests
{
    [Fact]
    public void A_hash_verifies_its_password_only_and_names_its_iterations()
    {
        var hash = PasswordHash.Create("correct horse", iterations: 1_000);

        Assert.StartsWith("$pbkdf2-sha256$i=1000$", hash, StringComparison.Ordinal);
        Assert.True(PasswordHash.Verify("correct horse", hash));
        Assert.False(PasswordHash.Verify("correct horse ", hash));
        Assert.False(PasswordHash.Verify("Correct horse", hash));
        Assert.DoesNotContain("correct", hash, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_same_password_hashed_twice_differs_by_its_salt()
    {
        Assert.NotEqual(PasswordHash.Create("pw", 1_000), PasswordHash.Create("pw", 1_000));
    }

    [Theory]
    [InlineData("")]
    [InlineData("s3cret")]
    [InlineData("$pbkdf2-sha256$i=0$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$pbkdf2-sha256$i=x$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$pbkdf2-sha256$i=1000$not base64!$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$pbkdf2-sha256$i=1000$c2FsdHNhbHQ")]
    [InlineData("$pbkdf2-sha512$i=1000$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")]
    public void A_malformed_hash_is_not_well_formed_and_matches_nothing(string encoded)
    {
        Assert.False(PasswordHash.IsWellFormed(encoded));
        Assert.False(PasswordHash.Verify("s3cret", encoded));
    }

    [Fact]
    public async Task The_pooled_check_gives_the_same_answers()
    {
        var hash = PasswordHash.Create("pw", 1_000);

        Assert.True(await PasswordHash.VerifyAsync("pw", hash));
        Assert.False(await PasswordHash.VerifyAsync("wrong", hash));
    }
}
