using System.Text;
using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Tests;

public sealed class IrcParserTests
{
    [Fact]
    public void Tags_source_command_middle_and_trailing_parameters()
    {
        var message = Parse("@label=a1;+draft/reply=x\\sy :nick!u@h privmsg #lobby :hello  there ");

        Assert.Equal("PRIVMSG", message.Command);
        Assert.Equal(["#lobby", "hello  there "], message.Params);
        Assert.Equal("a1", message.Tags["label"]);
        Assert.Equal("x y", message.Tags["+draft/reply"]);
    }

    [Fact]
    public void Runs_of_spaces_separate_like_one_and_an_empty_trailing_counts()
    {
        var message = Parse("MODE   #c  +o   bob :");

        Assert.Equal(["#c", "+o", "bob", ""], message.Params);
        Assert.Same(IrcMessage.NoTags, message.Tags);
    }

    [Fact]
    public void The_fifteenth_parameter_takes_the_rest_of_the_line()
    {
        var line = "CMD " + string.Join(' ', Enumerable.Range(1, 17));
        var message = Parse(line);

        Assert.Equal(15, message.Count);
        Assert.Equal("15 16 17", message[14]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("@tags-only")]
    [InlineData(":source-only")]
    [InlineData("@a=b :source ")]
    public void A_line_without_a_command_is_nothing(string line) =>
        Assert.Null(IrcParser.Parse(line));

    [Fact]
    public void The_reused_message_forgets_the_previous_line()
    {
        var first = IrcParser.ParseReused("@a=b PRIVMSG #x :one"u8);
        Assert.NotNull(first);
        Assert.Equal("one", first[1]);

        var second = IrcParser.ParseReused("PING"u8);
        Assert.Same(first, second);
        Assert.Equal("PING", second!.Command);
        Assert.Equal(0, second.Count);
        Assert.Same(IrcMessage.NoTags, second.Tags);
        Assert.Throws<ArgumentOutOfRangeException>(() => second[0]);
    }

    [Fact]
    public void Non_ascii_text_is_decoded()
    {
        var message = IrcParser.ParseReused(Encoding.UTF8.GetBytes("PRIVMSG #x :¡hola, señor! 👋"));
        Assert.Equal("¡hola, señor! 👋", message![1]);
    }

    private static IrcMessage Parse(string line) => IrcParser.Parse(line) ?? throw new InvalidOperationException("no command");
}
