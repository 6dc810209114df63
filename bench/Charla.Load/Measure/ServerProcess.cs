using System.Globalization;

namespace Charla.Load.Measure;

/// <summary>What /proc says about the server under test: CPU time and resident memory.</summary>
public sealed class ServerProcess(int? pid)
{
    /// <summary>Clock ticks per second for /proc/PID/stat times (USER_HZ, 100 on Linux).</summary>
    private const double TicksPerSecond = 100;

    public int? Pid { get; } = pid;

    /// <summary>User plus system CPU seconds so far, or null without a pid.</summary>
    public double? CpuSeconds()
    {
        if (Pid is not { } pid)
        {
            return null;
        }

        // Fields after the ")" that ends the command name: state is field 3, utime 14, stime 15.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) / TicksPerSecond;
    }

    /// <summary>Resident set size in KiB (VmRSS), or null without a pid.</summary>
    public long? ResidentKiB()
    {
        if (Pid is not { } pid)
        {
            return null;
        }

        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
