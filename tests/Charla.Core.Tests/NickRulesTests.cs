using Charla.Core.Nicknames;

namespace Charla.Core.Tests;

public sealed class NickRulesTests
{
    [Theory]
    [InlineData("ana")]
    [InlineData("Guest42")]
    [InlineData("[away]")]
    [InlineData("a-b_c^d|e{f}g`h\\i")]
    [InlineData("x23456789012345678901234567890")] // 30 characters
    public void Valid(string nick) => Assert.True(NickRules.IsValid(nick, 30));

    [Theory]
    [InlineData("")]
    [InlineData("9lives")]
    [InlineData("-dash")]
    [InlineData("two words")]
    [InlineData("colon:")]
    [InlineData("#chan")]
    [InlineData("héllo")]
    [InlineData("x234567890123456789012345678901")] // 31 characters
    public void Invalid(string nick) => Assert.False(NickRules.IsValid(nick, 30));
}
