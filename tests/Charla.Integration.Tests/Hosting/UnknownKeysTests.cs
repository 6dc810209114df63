using Charla.Server.Configuration;
using Microsoft.Extensions.Configuration;

namespace Charla.Integration.Tests.Hosting;

/// <summary>A key no option reads is an error naming it (with the key it probably meant), wherever it is.</summary>
public sealed class UnknownKeysTests
{
    private static IReadOnlyList<string> Find(params (string Key, string Value)[] settings) =>
        UnknownKeys.Find(
            new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build(),
            typeof(CharlaOptions));

    [Fact]
    public void Known_keys_in_any_case_and_the_logging_section_pass()
    {
        Assert.Empty(Find(
            ("plain:port", "5"),
            ("Irc:Motd:0", "hello"),
            ("Irc:Operators:0:Name", "root"),
            ("Storage:Sync", "Full"),
            ("Limits:Flood:LinesPerSecond", "0"),
            ("Logging:LogLevel:Default", "Debug"),
            ("Logging:Console:FormatterName", "json")));
    }

    [Fact]
    public void A_misspelled_key_is_named_with_the_one_it_resembles()
    {
        Assert.Equal(["Irc:Operatrs: unknown key (did you mean Irc:Operators?)."], Find(("Irc:Operatrs:0:Name", "root")));
        Assert.Equal(["Limits:Flood:LinesPerSecnd: unknown key (did you mean Limits:Flood:LinesPerSecond?)."], Find(("Limits:Flood:LinesPerSecnd", "1")));
    }

    [Fact]
    public void Keys_inside_list_entries_and_keys_like_nothing_known_are_found_too()
    {
        Assert.Equal(
            ["Colour: unknown key.", "Irc:Operators:0:Hostmask: unknown key."],
            Find(("Irc:Operators:0:Name", "root"), ("Irc:Operators:0:Hostmask", "*"), ("Colour", "blue")));
    }
}
