using Charla.Core.Channels;

namespace Charla.Core.Tests;

public sealed class WildcardTests
{
    [Theory]
    [InlineData("*!*@*", "ana!~ana@10.0.0.1", true)]
    [InlineData("ANA!*@*", "ana!~ana@host", true)]
    [InlineData("a?a!*@*", "ana!~ana@host", true)]
    [InlineData("*!~ana@*.example", "x!~ana@a.b.example", true)]
    [InlineData("bob!*@*", "ana!~ana@host", false)]
    [InlineData("*!*@host", "ana!~ana@otherhost", false)]
    [InlineData("a*b*c", "aXXbYYc", true)]
    [InlineData("a*b*c", "aXXbYY", false)]
    public void Matches(string pattern, string text, bool expected) => Assert.Equal(expected, Wildcard.Matches(pattern, text));

    [Theory]
    [InlineData("ana", "ana!*@*")]
    [InlineData("ana!~ana", "ana!~ana@*")]
    [InlineData("~ana@host", "*!~ana@host")]
    [InlineData("a!b@c", "a!b@c")]
    public void Normalize(string mask, string expected) => Assert.Equal(expected, Wildcard.Normalize(mask));
}
