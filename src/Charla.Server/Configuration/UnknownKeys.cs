using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Charla.Server.Configuration;

/// <summary>
/// Finds configuration keys that no option reads (a misspelling, a key in the wrong section),
/// which the binder would silently ignore: the server then runs on a default its operator
/// thought they had changed. <c>Logging</c> is the logging framework's and is left to it.
/// </summary>
public static class UnknownKeys
{
    /// <summary>Sections read by the host rather than bound to the options.</summary>
    private static readonly string[] HostSections = ["Logging"];

    /// <summary>Every key under <paramref name="configuration"/> that <paramref name="optionsType"/> has no place for, each with a suggestion when one is close.</summary>
    public static IReadOnlyList<string> Find(IConfiguration configuration, Type optionsType)
    {
        var found = new List<string>();
        foreach (var child in configuration.GetChildren())
        {
            if (!HostSections.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                CheckMember(child, optionsType, found);
            }
        }

        return found;
    }

    private static void CheckObject(IConfigurationSection section, Type type, List<string> found)
    {
        foreach (var child in section.GetChildren())
        {
            CheckMember(child, type, found);
        }
    }

    private static void CheckMember(IConfigurationSection child, Type owner, List<string> found)
    {
        var property = owner.GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is null)
        {
            found.Add(Describe(child, owner));
            return;
        }

        CheckValue(child, property.PropertyType, found);
    }

    private static void CheckValue(IConfigurationSection section, Type type, List<string> found)
    {
        if (IsScalar(type))
        {
            return; // a section under a scalar is the binder's to refuse
        }

        if (ValueTypeOfDictionary(type) is { } valueType)
        {
            foreach (var entry in section.GetChildren())
            {
                CheckValue(entry, valueType, found);
            }
        }
        else if (ElementType(type) is { } elementType)
        {
            foreach (var element in section.GetChildren())
            {
                CheckValue(element, elementType, found);
            }
        }
        else
        {
            CheckObject(section, type, found);
        }
    }

    private static bool IsScalar(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan) || type == typeof(DateTimeOffset);
    }

    private static Type? ValueTypeOfDictionary(Type type) =>
        type.IsGenericType && type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>)) is { } dictionary
            ? dictionary.GetGenericArguments()[1]
            : null;

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType ? type.GetGenericArguments()[0]
        : null;

    private static string Describe(IConfigurationSection unknown, Type owner)
    {
        var known = owner.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name);
        var close = known
            .Select(name => (Name: name, Distance: EditDistance(name.ToUpperInvariant(), unknown.Key.ToUpperInvariant())))
            .Where(c => c.Distance <= Math.Max(1, c.Name.Length / 4))
            .OrderBy(c => c.Distance)
            .FirstOrDefault();
        var parent = unknown.Path[..^unknown.Key.Length];
        return close.Name is null
            ? $"{unknown.Path}: unknown key."
            : $"{unknown.Path}: unknown key (did you mean {parent}{close.Name}?).";
    }

    /// <summary>
    /// The fewest single-character edits (insert, delete, replace, swap two neighbours) from one
    /// word to the other: optimal string alignment, so a swapped pair ("Prot") is one typo.
    /// </summary>
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
