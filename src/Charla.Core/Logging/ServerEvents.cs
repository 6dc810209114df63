using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Charla.Core.Logging;

/// <summary>
/// What an operator of the server wants in its log, one line each at Information level (refusals
/// and failures at Warning), under the category <c>Charla.Events</c>: who connected and how,
/// registrations, nick changes, quits, operators' actions. Never message text, never passwords.
/// </summary>
public sealed partial class ServerEvents(ILogger logger)
{
    /// <summary>The log category, for filters (<c>Logging:LogLevel:Charla.Events</c>).</summary>
    public const string Category = "Charla.Events";

    /// <summary>Logs nothing (tests, tools).</summary>
    public static ServerEvents None { get; } = new(NullLogger.Instance);

    public static ServerEvents Create(ILoggerFactory loggers) => new(loggers.CreateLogger(Category));

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Connection ({Protocol}) from {Address} port {Port}")]
    public partial void Connected(string protocol, string address, int port);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Refused a connection ({Protocol}) from {Address} port {Port}: {Reason}")]
    public partial void Refused(string protocol, string address, int port, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Refused a connection ({Protocol}) from {Address} port {Port}: {Limit} connections are registering")]
    private partial void RefusedUnregisteredLine(string protocol, string address, int port, int limit);

    private long _lastUnregisteredRefusal; // Environment.TickCount64 of the last line

    /// <summary>Refused while too many connections register: a line a second at most, however many knock.</summary>
    public void RefusedUnregistered(string protocol, string address, int port, int limit)
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastUnregisteredRefusal);
        if (now - last >= 1000 && Interlocked.CompareExchange(ref _lastUnregisteredRefusal, now, last) == last)
        {
            RefusedUnregisteredLine(protocol, address, port, limit);
        }
    }

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Registered ({Protocol}): {Nick} ({UserHost})")]
    public partial void Registered(string protocol, string nick, string userHost);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Nick change: {OldNick} is now {NewNick} ({UserHost})")]
    public partial void NickChanged(string oldNick, string newNick, string userHost);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Quit: {Nick} ({UserHost}): {Reason}")]
    public partial void Quit(string nick, string userHost, string reason);

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Operator {Nick} ({UserHost}) logged in as {OperatorName}, class {Class}: {Privileges}")]
    public partial void OperatorLoggedIn(string nick, string userHost, string operatorName, string @class, string privileges);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Failed OPER by {Nick} ({UserHost}) as {OperatorName}: {Reason}")]
    public partial void OperatorLoginFailed(string nick, string userHost, string operatorName, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Operator {Nick} ({OperatorName}) stopped being an operator")]
    public partial void OperatorLoggedOut(string nick, string operatorName);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Operator {Nick} ({OperatorName}) used override on {Channel}: {Action}")]
    public partial void OperatorOverride(string nick, string operatorName, string channel, string action);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Operator {Nick} ({OperatorName}) killed {Target} ({UserHost}): {Reason}")]
    public partial void OperatorKill(string nick, string operatorName, string target, string userHost, string reason);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "Operator {Nick} ({OperatorName}) changed the host of {Target} to {UserName}@{Host}")]
    public partial void OperatorChangedHost(string nick, string operatorName, string target, string userName, string host);

    [LoggerMessage(EventId = 107, Level = LogLevel.Information, Message = "Operator {Nick} ({OperatorName}) added a {Kind} on {Mask} ({Reason}), until {Expires}")]
    public partial void BanAdded(string nick, string operatorName, string kind, string mask, string reason, string expires);

    [LoggerMessage(EventId = 108, Level = LogLevel.Information, Message = "Operator {Nick} ({OperatorName}) removed the {Kind} on {Mask}")]
    public partial void BanRemoved(string nick, string operatorName, string kind, string mask);

    [LoggerMessage(EventId = 109, Level = LogLevel.Information, Message = "Ban {Mask} closed {Target} ({UserHost})")]
    public partial void BanApplied(string mask, string target, string userHost);

    [LoggerMessage(EventId = 106, Level = LogLevel.Information, Message = "Operator {Nick} ({OperatorName}) sent WALLOPS")]
    public partial void OperatorWallops(string nick, string operatorName);
}
