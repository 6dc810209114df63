using Charla.Protocols.Irc;
using Charla.Protocols.Irc.Operators;
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

        var ports = new (string Key, int Port)[] { ("Plain:Port", options.Plain.Port), ("Irc:Port", options.Irc.Port), ("Http:Port", options.Http.Port) };
        foreach (var (key, port) in ports)
        {
            Port(errors, key, port);
        }

        foreach (var clash in ports.Where(p => p.Port != 0).GroupBy(p => p.Port).Where(g => g.Count() > 1))
        {
            errors.Add($"{string.Join(" and ", clash.Select(p => p.Key))} are all {clash.Key}.");
        }

        if (string.IsNullOrWhiteSpace(options.Irc.ServerName) || options.Irc.ServerName.Contains(' ', StringComparison.Ordinal))
        {
            errors.Add($"Irc:ServerName: \"{options.Irc.ServerName}\" must be one word, like a host name.");
        }

        if (string.IsNullOrWhiteSpace(options.Irc.NetworkName) || options.Irc.NetworkName.Contains(' ', StringComparison.Ordinal))
        {
            errors.Add($"Irc:NetworkName: \"{options.Irc.NetworkName}\" must be one word (it is an ISUPPORT token).");
        }

        if (!string.IsNullOrEmpty(options.Password))
        {
            errors.Add("Password: passwords in clear are refused; run `charla hash-password` and put what it prints in PasswordHash.");
        }
        else if (options.PasswordHash.Length > 0 && !Charla.Core.Security.PasswordHash.IsWellFormed(options.PasswordHash))
        {
            errors.Add("PasswordHash: not a hash from `charla hash-password`.");
        }

        OperatorBlocks.Build(options.Irc, out var operatorErrors);
        errors.AddRange(operatorErrors);
        AtLeast(errors, "Irc:RegistrationTimeoutSeconds", options.Irc.RegistrationTimeoutSeconds, 1);
        AtLeast(errors, "Irc:PingIntervalSeconds", options.Irc.PingIntervalSeconds, 1);
        AtLeast(errors, "Irc:PingTimeoutSeconds", options.Irc.PingTimeoutSeconds, 1);
        AtLeast(errors, "Irc:RecvQueueBytes", options.Irc.RecvQueueBytes, 512);
        AtLeast(errors, "Limits:MaxChannelsPerUser", options.Limits.MaxChannelsPerUser, 1);
        AtLeast(errors, "Limits:MaxListEntries", options.Limits.MaxListEntries, 1);
        AtLeast(errors, "Limits:MaxMonitorEntries", options.Limits.MaxMonitorEntries, 0);
        AtLeast(errors, "Limits:MaxMetadataKeys", options.Limits.MaxMetadataKeys, 0);
        AtLeast(errors, "Irc:ChannelLength", options.Irc.ChannelLength, 2);
        AtLeast(errors, "Irc:TopicLength", options.Irc.TopicLength, 1);
        AtLeast(errors, "Irc:KickLength", options.Irc.KickLength, 1);
        AtLeast(errors, "Irc:AwayLength", options.Irc.AwayLength, 1);
        AtLeast(errors, "Irc:RealNameLength", options.Irc.RealNameLength, 1);
        AtLeast(errors, "Irc:MaxTargets", options.Irc.MaxTargets, 1);
        AtLeast(errors, "Irc:MaxModesPerCommand", options.Irc.MaxModesPerCommand, 1);

        AtLeast(errors, "Plain:MaxLineBytes", options.Plain.MaxLineBytes, 16);
        AtLeast(errors, "Plain:IdleTimeoutSeconds", options.Plain.IdleTimeoutSeconds, 0);
        AtLeast(errors, "Plain:ReplayLines", options.Plain.ReplayLines, 0);
        if (!IrcServerInfo.IsValidChannelName(options.Plain.Lobby, options.Irc.ChannelLength))
        {
            errors.Add($"Plain:Lobby: \"{options.Plain.Lobby}\" is not a channel name ('#' then 1 to {options.Irc.ChannelLength - 1} characters, no space, comma or colon).");
        }

        AtLeast(errors, "Limits:NickLength", options.Limits.NickLength, 1);
        for (var i = 0; i < options.Plain.Moderators.Length; i++)
        {
            if (!Charla.Core.Nicknames.NickRules.IsValid(options.Plain.Moderators[i], options.Limits.NickLength))
            {
                errors.Add($"Plain:Moderators:{i}: \"{options.Plain.Moderators[i]}\" is not a nickname.");
            }
        }

        AtLeast(errors, "Limits:SendQueueBytes", options.Limits.SendQueueBytes, 1024);
        AtLeast(errors, "Limits:Flood:Burst", options.Limits.Flood.Burst, 1);
        AtLeast(errors, "Limits:Flood:ExcessLimit", options.Limits.Flood.ExcessLimit, 0);
        AtLeast(errors, "Tcp:KeepAliveSeconds", options.Tcp.KeepAliveSeconds, 0);
        AtLeast(errors, "Tcp:KeepAliveIntervalSeconds", options.Tcp.KeepAliveIntervalSeconds, 1);
        AtLeast(errors, "Tcp:KeepAliveProbes", options.Tcp.KeepAliveProbes, 1);
        AtLeast(errors, "Tcp:DrainTimeoutSeconds", options.Tcp.DrainTimeoutSeconds, 0);
        AtLeast(errors, "Tcp:MaxConnections", options.Tcp.MaxConnections, 0);
        AtLeast(errors, "Tcp:EpollLoops", options.Tcp.EpollLoops, 0);
        AtLeast(errors, "Storage:MaxPendingRecords", options.Storage.MaxPendingRecords, 1);
        if (string.IsNullOrWhiteSpace(options.Storage.DataDirectory))
        {
            errors.Add("Storage:DataDirectory: must name a directory.");
        }

        AtLeast(errors, "Connections:MaxPerAddress", options.Connections.MaxPerAddress, 0);
        AtLeast(errors, "Connections:MaxPerWindow", options.Connections.MaxPerWindow, 0);
        AtLeast(errors, "Connections:MaxUnregistered", options.Connections.MaxUnregistered, 0);
        AtLeast(errors, "Connections:WindowSeconds", options.Connections.WindowSeconds, 1);
        Between(errors, "Connections:Ipv4PrefixLength", options.Connections.Ipv4PrefixLength, 8, 32);
        Between(errors, "Connections:Ipv6PrefixLength", options.Connections.Ipv6PrefixLength, 16, 128);
        for (var i = 0; i < options.Connections.Exempt.Length; i++)
        {
            if (!IPNetwork.TryParse(options.Connections.Exempt[i], out _))
            {
                errors.Add($"Connections:Exempt:{i}: \"{options.Connections.Exempt[i]}\" is not an address or network (CIDR: 203.0.113.0/24, 2001:db8::/32).");
            }
        }

        if (options.Privacy.CloakSuffix.Length == 0 || options.Privacy.CloakSuffix.Length > 30 || !options.Privacy.CloakSuffix.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-'))
        {
            errors.Add($"Privacy:CloakSuffix: \"{options.Privacy.CloakSuffix}\" must be 1 to 30 letters, digits, '.' or '-' (it ends a host name).");
        }

        AtLeast(errors, "History:AutoReplayLines", options.History.AutoReplayLines, 0);
        AtLeast(errors, "History:RetentionDays", options.History.RetentionDays, 0);
        AtLeast(errors, "History:MaxMessagesPerChannel", options.History.MaxMessagesPerChannel, 0);
        return errors;
    }

    private static void Port(List<string> errors, string key, int port)
    {
        if (port is < IPEndPoint.MinPort or > IPEndPoint.MaxPort)
        {
            errors.Add($"{key}: {port} is not a TCP port (0 to 65535; 0 picks a free one).");
        }
    }

    private static void Between(List<string> errors, string key, int value, int minimum, int maximum)
    {
        if (value < minimum || value > maximum)
        {
            errors.Add($"{key}: {value} is not between {minimum} and {maximum}.");
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
