using System.Net;

namespace Charla.Server.Configuration;

/// <summary>Checks a bound <see cref="CharlaOptions"/> and says, in words, what is wrong.</summary>
public static class CharlaOptionsValidator
{
    public static IReadOnlyList<string> Validate(CharlaOptions options)
    {
        var errors = new List<string>();
        if (ListenAddress.TryParse(options.Bind) is null)
        {
            errors.Add($"Bind: \"{options.Bind}\" is not an IP address, \"*\" or \"localhost\".");
        }

        Port(errors, "Plain:Port", options.Plain.Port);
        Port(errors, "Http:Port", options.Http.Port);
        if (options.Plain.Port != 0 && options.Plain.Port == options.Http.Port)
        {
            errors.Add($"Plain:Port and Http:Port are both {options.Plain.Port}.");
        }

        AtLeast(errors, "Plain:MaxLineBytes", options.Plain.MaxLineBytes, 16);
        AtLeast(errors, "Plain:IdleTimeoutSeconds", options.Plain.IdleTimeoutSeconds, 0);
        AtLeast(errors, "Limits:NickLength", options.Limits.NickLength, 1);
        AtLeast(errors, "Limits:SendQueueBytes", options.Limits.SendQueueBytes, 1024);
        AtLeast(errors, "Limits:Flood:Burst", options.Limits.Flood.Burst, 1);
        AtLeast(errors, "Limits:Flood:ExcessLimit", options.Limits.Flood.ExcessLimit, 0);
        AtLeast(errors, "Tcp:KeepAliveSeconds", options.Tcp.KeepAliveSeconds, 0);
        AtLeast(errors, "Tcp:KeepAliveIntervalSeconds", options.Tcp.KeepAliveIntervalSeconds, 1);
        AtLeast(errors, "Tcp:KeepAliveProbes", options.Tcp.KeepAliveProbes, 1);
        AtLeast(errors, "Tcp:DrainTimeoutSeconds", options.Tcp.DrainTimeoutSeconds, 0);
        return errors;
    }

    private static void Port(List<string> errors, string key, int port)
    {
        if (port is < IPEndPoint.MinPort or > IPEndPoint.MaxPort)
        {
            errors.Add($"{key}: {port} is not a TCP port (0 to 65535; 0 picks a free one).");
        }
    }

    private static void AtLeast(List<string> errors, string key, int value, int minimum)
    {
        if (value < minimum)
        {
            errors.Add($"{key}: {value} is below the minimum of {minimum}.");
        }
    }
}
