namespace Charla.Testing;

/// <summary>Files of the repository the tests run from (the example configuration, the interop clients' packages).</summary>
public static class RepositoryFiles
{
    /// <summary>The repository's root: the folder above the test binaries that holds Charla.slnx.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Charla.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Charla.slnx not found above the test binaries");
    }
}
