using System.Net.Sockets;
using System.Text;

namespace Charla.Client.Plain;

/// <summary>Exit codes of <c>charla connect</c>.</summary>
public static class ConnectExitCode
{
    /// <summary>The user left (<c>/quit</c> or end of input) and the server closed the connection.</summary>
    public const int Done = 0;

    /// <summary>The server could not be reached.</summary>
    public const int CannotConnect = 1;

    /// <summary>The server closed the connection, or it broke, while the user was still there.</summary>
    public const int ConnectionLost = 2;
}

/// <summary>
/// A small plain-mode terminal client: lines typed (or piped) on input go to the server; what
/// the server sends is copied to output as it arrives. Pipe-friendly: at the end of input it
/// stops sending, waits for the server's last answers (the server closes once it has answered
/// everything), prints them, and exits 0.
/// </summary>
public static class PlainChatClient
{
    public static async Task<int> RunAsync(
        string host, int port, TextReader input, Stream output, TextWriter error, CancellationToken cancellationToken = default)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken);
        }
        catch (SocketException ex)
        {
            await error.WriteLineAsync($"charla: cannot connect to {host}:{port}: {ex.Message}");
            return ConnectExitCode.CannotConnect;
        }

        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var leaving = new LeaveSignal();

        // Input blocks a thread on a console read; it runs apart so that output never waits on it.
        _ = Task.Run(() => SendInputAsync(input, stream, socket, leaving, cancellationToken), cancellationToken);
        var serverClosedCleanly = await CopyToOutputAsync(stream, output, cancellationToken);

        if (leaving.IsSet)
        {
            return ConnectExitCode.Done;
        }

        await error.WriteLineAsync(serverClosedCleanly
            ? "charla: the server closed the connection."
            : "charla: the connection to the server was lost.");
        return ConnectExitCode.ConnectionLost;
    }

    /// <summary>Copies server bytes to output until the server closes (true) or the connection breaks (false).</summary>
    private static async Task<bool> CopyToOutputAsync(NetworkStream stream, Stream output, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                await output.FlushAsync(cancellationToken);
            }

            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static async Task SendInputAsync(
        TextReader input, NetworkStream stream, Socket socket, LeaveSignal leaving, CancellationToken cancellationToken)
    {
        try
        {
            string? line;
            while ((line = await input.ReadLineAsync(cancellationToken)) is not null)
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), cancellationToken);
                if (IsQuit(line))
                {
                    // The server says goodbye and closes; the output loop sees that and we exit.
                    leaving.Set();
                    return;
                }
            }

            // End of input: half-close, so the server answers what it has and then closes.
            leaving.Set();
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The connection is gone; the output loop reports it.
        }
    }

    private static bool IsQuit(string line)
    {
        var trimmed = line.TrimStart();
        return trimmed.Equals("/quit", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("/quit ", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Set once the user has asked to leave, so that the server's close is expected.</summary>
    private sealed class LeaveSignal
    {
        private volatile bool _set;

        public bool IsSet => _set;

        public void Set() => _set = true;
    }
}
