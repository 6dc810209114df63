using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Charla.Integration.Tests.Support;

/// <summary>A process run by a test (the <c>charla</c> executable, or a client someone else wrote), its standard streams redirected.</summary>
internal sealed partial class TestProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();
    private string? _dataDirectory; // made for this run, deleted with it

    private TestProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Path of the built charla.dll (the test project builds it first).</summary>
    public static string DllPath { get; } = typeof(TestProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "CharlaDll").Value!;

    public StreamWriter StandardInput => _process.StandardInput;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Stdout
    {
        get
        {
            lock (_gate)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>
    /// Runs <c>charla</c> with <paramref name="arguments"/>; unless they name a data directory, in
    /// one of its own (deleted when disposed), so runs never share a database.
    /// </summary>
    /// <param name="launcher">A program and its arguments that run <c>dotnet charla.dll ...</c> (prlimit), or null.</param>
    public static TestProcess Start(IEnumerable<string> arguments, IDictionary<string, string>? environment = null, string[]? launcher = null)
    {
        string[] args = [.. arguments];
        string? dataDirectory = null;
        var env = new Dictionary<string, string>(environment ?? new Dictionary<string, string>());
        if (!args.Contains("--data-dir") && !env.ContainsKey(DataDirectoryVariable))
        {
            dataDirectory = NewDataDirectory();
            env[DataDirectoryVariable] = dataDirectory;
        }

        // The server gets the signals' default dispositions whatever the test runner was started
        // with: a runner started in the background of a shell ignores SIGINT, and a child
        // inherits that (exec keeps ignored signals), so the test of SIGINT would fail there.
        string[] defaults = OperatingSystem.IsLinux() ? ["env", "--default-signal=INT,TERM,HUP", .. launcher ?? []] : launcher ?? [];
        var process = defaults.Length == 0
            ? StartProgram("dotnet", [DllPath, .. args], env)
            : StartProgram(defaults[0], [.. defaults[1..], "dotnet", DllPath, .. args], env);
        process._dataDirectory = dataDirectory;
        return process;
    }

    /// <summary>The environment variable that sets the data directory.</summary>
    public const string DataDirectoryVariable = "CHARLA__Storage__DataDirectory";

    /// <summary>A new, empty directory under the temporary directory.</summary>
    public static string NewDataDirectory() => Directory.CreateTempSubdirectory("charla-test-").FullName;

    /// <summary>Runs any program; fails the test clearly when it is not installed.</summary>
    public static TestProcess StartProgram(string fileName, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        try
        {
            return new TestProcess(Process.Start(start)!);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"cannot run {fileName} ({ex.Message}); ./test.sh installs what the tests need", ex);
        }
    }

    /// <summary>Starts <c>charla serve</c> on 127.0.0.1 with free ports and waits until it is ready.</summary>
    /// <param name="descriptorLimit">Runs it under this limit of open files (prlimit(1), as <c>ulimit -n</c>).</param>
    public static async Task<(TestProcess Process, int PlainPort)> StartServerAsync(
        IEnumerable<string>? extraArguments = null, IDictionary<string, string>? environment = null, int? descriptorLimit = null)
    {
        string[] serve = ["serve", "--bind", "127.0.0.1", "--plain-port", "0", "--irc-port", "0", "--http-port", "0", .. extraArguments ?? []];
        var process = Start(serve, environment, descriptorLimit is { } limit ? ["prlimit", $"--nofile={limit}:{limit}"] : null);
        var ready = await process.WaitForOutputAsync(PlainReady());
        return (process, int.Parse(ready.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Waits until standard output matches <paramref name="pattern"/>.</summary>
    public async Task<Match> WaitForOutputAsync(Regex pattern, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            var match = pattern.Match(Stdout);
            if (match.Success)
            {
                return match;
            }

            if (_process.HasExited)
            {
                break;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"no output matching {pattern}; stdout: {Stdout} stderr: {Stderr}");
    }

    /// <summary>Waits for the process to exit; returns its exit code, or null if it did not exit in time.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Sends a signal: SIGTERM as a service manager would, SIGINT as Ctrl+C would.</summary>
    public void Signal(int signal) => Assert.Equal(0, Kill(_process.Id, signal));

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        if (_dataDirectory is not null)
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private void Append(StringBuilder to, string? line)
    {
        if (line is not null)
        {
            lock (_gate)
            {
                to.AppendLine(line);
            }
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [GeneratedRegex(@"Plain mode listening on 127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex PlainReady();
}
