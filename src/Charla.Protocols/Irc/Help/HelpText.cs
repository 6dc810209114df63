using System.Reflection;

namespace Charla.Protocols.Irc.Help;

/// <summary>
/// The help text that ships with the server (Help/commands.txt, embedded): one section per
/// command or topic, found by name in any case.
/// </summary>
public static class HelpText
{
    /// <summary>The index's subject: HELP without a subject (modern.ircdocs.horse, HELP).</summary>
    public const string Index = "*";

    private static readonly Dictionary<string, string[]> Sections = Load();

    /// <summary>Every subject there is help on.</summary>
    public static IEnumerable<string> Subjects => Sections.Keys;

    /// <summary>The lines of <paramref name="subject"/>'s section (at least two), or null.</summary>
    public static IReadOnlyList<string>? Find(string subject) => Sections.GetValueOrDefault(subject);

    private static Dictionary<string, string[]> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Charla.Protocols.Irc.Help.commands.txt")
            ?? throw new InvalidOperationException("the help text is not embedded");
        using var reader = new StreamReader(stream);
        var sections = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        string? name = null;
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                Add();
                name = line[1..^1];
                continue;
            }

            lines.Add(line);
        }

        Add();
        return sections;

        void Add()
        {
            if (name is not null)
            {
                sections[name] = [.. lines];
            }

            lines.Clear();
        }
    }
}
