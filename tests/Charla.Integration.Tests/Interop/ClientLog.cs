namespace Charla.Integration.Tests.Interop;

/// <summary>
/// What a real client wrote to its log: the interop tests wait for the client's own lines
/// (it reads the server in its own time), not for what another client has seen.
/// </summary>
internal static class ClientLog
{
    /// <summary>Whether a line of <paramref name="log"/> holds every one of <paramref name="parts"/>.</summary>
    public static bool Says(string log, params string[] parts) =>
        File.Exists(log) && File.ReadAllLines(log).Any(l => parts.All(p => l.Contains(p, StringComparison.Ordinal)));

    /// <summary>
    /// Waits for something another process does (a client writing its log), looking every 50 ms:
    /// the test waits on the thing itself, bounded by a generous limit for a loaded machine.
    /// </summary>
    public static async Task Until(Func<bool> condition, string failure)
    {
        for (var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60); !condition(); await Task.Delay(50))
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
        }
    }
}
