using Charla.Fuzz;

namespace Charla.Protocols.Tests;

/// <summary>
/// Every input of the fuzz corpus (fuzz/corpus: the seeds, and what AFL++ found that reached new
/// code, crashes once fixed included) through its target again: what once broke stays fixed.
/// </summary>
public sealed class FuzzCorpusTests
{
    public static TheoryData<string> Targets => [.. FuzzTargets.All.Keys];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_corpus_input_passes_its_target(string target)
    {
        var directory = Path.Combine(RepositoryFiles.Root, "fuzz", "corpus", target);
        var inputs = Directory.GetFiles(directory);
        Assert.NotEmpty(inputs);

        foreach (var input in inputs.Order(StringComparer.Ordinal))
        {
            var exception = Record.Exception(() => FuzzTargets.All[target](File.ReadAllBytes(input)));
            Assert.True(exception is null, $"{Path.GetFileName(input)}: {exception}");
        }
    }
}
