using System.Reflection;

namespace Charla.Protocols.Irc;

/// <summary>The version a build of Charla says it is.</summary>
public static class BuildVersion
{
    /// <summary>
    /// The assembly's informational version: the release and, after a '+', the commit it was
    /// built from (the SDK adds it), exactly as <c>charla --version</c> prints it.
    /// </summary>
    public static string Of(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString(3) ?? "0";
}
