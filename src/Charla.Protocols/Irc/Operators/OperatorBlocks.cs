using Charla.Core.Security;
using Charla.Core.Sessions;

namespace Charla.Protocols.Irc.Operators;

/// <summary>One operator block, resolved: who may OPER as what.</summary>
public sealed record OperatorBlock(string Name, string PasswordHash, string Class, OperatorPrivileges Privileges);

/// <summary>
/// The operator blocks of the configuration with their classes resolved to privileges, checked
/// once: a plain-text password, a missing or malformed hash, an unknown class or privilege are
/// errors that name their key.
/// </summary>
public sealed class OperatorBlocks
{
    /// <summary>The classes that exist without configuration (a configured class of the same name replaces one).</summary>
    public static readonly IReadOnlyDictionary<string, OperatorPrivileges> BuiltInClasses = new Dictionary<string, OperatorPrivileges>(StringComparer.OrdinalIgnoreCase)
    {
        ["admin"] = OperatorPrivileges.All,
        ["moderator"] = OperatorPrivileges.Kill | OperatorPrivileges.Ban | OperatorPrivileges.Override | OperatorPrivileges.SeeAddresses,
    };

    private readonly Dictionary<string, OperatorBlock> _byName;

    private OperatorBlocks(Dictionary<string, OperatorBlock> byName) => _byName = byName;

    /// <summary>The block named <paramref name="name"/> (as OPER gives it, case-sensitive), or null.</summary>
    public OperatorBlock? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Resolves <paramref name="options"/>' blocks; <paramref name="errors"/> says what is wrong, if anything (those blocks are left out).</summary>
    public static OperatorBlocks Build(IrcOptions options, out List<string> errors)
    {
        errors = [];
        var classes = new Dictionary<string, OperatorPrivileges>(BuiltInClasses, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, privilegeNames) in options.OperatorClasses)
        {
            var privileges = OperatorPrivileges.None;
            foreach (var privilegeName in privilegeNames)
            {
                if (OperatorPrivilegeNames.Parse(privilegeName) is { } privilege)
                {
                    privileges |= privilege;
                }
                else
                {
                    errors.Add($"Irc:OperatorClasses:{name}: unknown privilege \"{privilegeName}\" (known: {string.Join(", ", OperatorPrivilegeNames.All)}).");
                }
            }

            classes[name] = privileges;
        }

        var byName = new Dictionary<string, OperatorBlock>(StringComparer.Ordinal);
        for (var i = 0; i < options.Operators.Length; i++)
        {
            var block = options.Operators[i];
            var key = $"Irc:Operators:{i}";
            var before = errors.Count;
            if (string.IsNullOrEmpty(block.Name) || block.Name.Contains(' ', StringComparison.Ordinal))
            {
                errors.Add($"{key}:Name: \"{block.Name}\" must be one word (what OPER is given).");
            }
            else if (byName.ContainsKey(block.Name))
            {
                errors.Add($"{key}:Name: \"{block.Name}\" is already an operator's name.");
            }

            if (!string.IsNullOrEmpty(block.Password))
            {
                errors.Add($"{key}:Password: passwords in clear are refused; run `charla hash-password` and put what it prints in {key}:PasswordHash.");
            }
            else if (!PasswordHash.IsWellFormed(block.PasswordHash))
            {
                errors.Add($"{key}:PasswordHash: missing or not a hash from `charla hash-password`.");
            }

            if (!classes.TryGetValue(block.Class, out var granted))
            {
                errors.Add($"{key}:Class: unknown class \"{block.Class}\" (known: {string.Join(", ", classes.Keys.Order(StringComparer.Ordinal))}).");
            }

            if (errors.Count == before)
            {
                byName[block.Name] = new OperatorBlock(block.Name, block.PasswordHash, block.Class, granted);
            }
        }

        return new OperatorBlocks(byName);
    }
}
