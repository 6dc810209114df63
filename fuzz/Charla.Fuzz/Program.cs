using Charla.Fuzz;
using SharpFuzz;

// charla-fuzz TARGET             run under AFL++ (fuzz/run starts it): one input per round, read from stdin
// charla-fuzz TARGET DIRECTORY   run every file of DIRECTORY through the target once (a corpus, a crash)
if (args.Length == 0 || !FuzzTargets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: charla-fuzz {string.Join('|', FuzzTargets.All.Keys)} [DIRECTORY]");
    return 2;
}

if (args.Length > 1)
{
    foreach (var file in Directory.GetFiles(args[1]).Order(StringComparer.Ordinal))
    {
        target(File.ReadAllBytes(file));
    }

    Console.WriteLine($"{args[0]}: {Directory.GetFiles(args[1]).Length} inputs, no failure");
    return 0;
}

Fuzzer.Run(stream =>
{
    using var copy = new MemoryStream();
    stream.CopyTo(copy);
    target(copy.ToArray());
});
return 0;
