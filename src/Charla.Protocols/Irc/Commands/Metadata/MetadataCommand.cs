using System.Text;
using Charla.Core.Channels;
using Charla.Core.Sessions;
using Charla.Protocols.Irc.Messages;

namespace Charla.Protocols.Irc.Commands;

/// <summary>
/// METADATA &lt;target&gt; &lt;subcommand&gt; [params] (draft/metadata-2,
/// github.com/ircv3/ircv3-specifications/pull/501): key-value metadata on users and channels.
/// <code>
/// METADATA &lt;target&gt; GET &lt;key&gt;...   a metadata batch: 761 RPL_KEYVALUE or 766 RPL_KEYNOTSET per key, in order
/// METADATA &lt;target&gt; LIST          a metadata batch: 761 per key set
/// METADATA &lt;target&gt; SET &lt;key&gt; [:v] 761 with the new value, or 766 when removed
/// METADATA &lt;target&gt; CLEAR         a metadata batch: 766 per key removed
/// METADATA &lt;target&gt; SYNC          a metadata batch: 761 per subscribed key set (a channel's members too)
/// METADATA * SUB|UNSUB &lt;key&gt;...   770 / 771 with the keys; SUBS: a metadata-subs batch of 772
/// </code>
/// The target "*" is the client itself. A client sets its own keys and those of channels it
/// operates. Errors are <c>FAIL METADATA INVALID_TARGET | KEY_INVALID | VALUE_INVALID |
/// KEY_NO_PERMISSION | LIMIT_REACHED | TOO_MANY_SUBS | SUBCOMMAND_INVALID</c>. Works before
/// registration (before-connect) for the client's own keys and subscriptions.
/// </summary>
public sealed partial class MetadataCommand : IIrcCommand
{
    /// <summary>Longest key, in characters.</summary>
    private const int MaxKeyLength = 64;

    public void Execute(IrcContext context, IrcMessage message)
    {
        var session = context.Session;
        if (!session.Has(Capabilities.Metadata))
        {
            Fail(session, "SUBCOMMAND_INVALID", [message.Count > 1 ? message[1] : "*"], "METADATA needs the draft/metadata-2 capability");
            return;
        }

        if (message.Count < 2)
        {
            session.Numeric(Numerics.ErrNeedMoreParams, "METADATA", "Not enough parameters");
            return;
        }

        // Keys are words: more than the 15 parameters IRC parses end up, space-separated, in the last one.
        var keys = Enumerable.Range(2, Math.Max(0, message.Count - 2))
            .SelectMany(i => message[1].Equals("SET", StringComparison.OrdinalIgnoreCase) ? [message[i]] : message[i].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToList();
        switch (message[1].ToUpperInvariant())
        {
            case "SUB":
                Subscribe(context, keys);
                return;
            case "UNSUB":
                Unsubscribe(context, keys);
                return;
            case "SUBS":
                ListSubscriptions(context);
                return;
        }

        if (Resolve(context, message[0]) is not { } target)
        {
            return;
        }

        switch (message[1].ToUpperInvariant())
        {
            case "GET":
                Get(context, target, keys);
                break;
            case "LIST":
                List(context, target);
                break;
            case "SET" when keys.Count > 0:
                Set(context, target, keys[0], message.Count > 3 ? message[3] : null);
                break;
            case "CLEAR":
                Clear(context, target);
                break;
            case "SYNC":
                Sync(context, target);
                break;
            default:
                Fail(session, "SUBCOMMAND_INVALID", [message[1]], "Unknown METADATA subcommand, or a parameter missing");
                break;
        }
    }

    /// <summary>A user (its nick, or "*" for the client) or a channel the client may see.</summary>
    private readonly record struct Target(string Name, ClientSession? User, Channel? Channel)
    {
        public MetadataValuesView Values => new(User is { } user ? (user.HasMetadata ? user.Metadata.All : []) : Channel!.Metadata.All);
    }

    /// <summary>The key-value pairs of a target, as read once.</summary>
    private readonly record struct MetadataValuesView(IReadOnlyList<KeyValuePair<string, string>> All)
    {
        public string? Get(string key) => All.FirstOrDefault(e => e.Key == key).Value;
    }

    private static Target? Resolve(IrcContext context, string name)
    {
        var session = context.Session;
        if (name == "*" || session.IsRegistered && string.Equals(name, session.Nick, StringComparison.OrdinalIgnoreCase))
        {
            return new Target(session.IsRegistered ? session.Nick : session.Target, session, null);
        }

        if (session.IsRegistered && name.StartsWith('#') && context.Engine.FindChannel(name) is { } channel && ChannelAccess.IsVisibleTo(channel, session))
        {
            return new Target(channel.Name, null, channel);
        }

        if (session.IsRegistered && !name.StartsWith('#') && context.Engine.FindByNick(name) is { } user)
        {
            return new Target(user.Nick, user, null);
        }

        Fail(session, "INVALID_TARGET", [name], "Invalid metadata target");
        return null;
    }

    /// <summary>A key as keys are kept: lower case; null when it is not a valid key (then FAIL KEY_INVALID).</summary>
    private static string? Key(IrcSession session, string key, string? batchId = null)
    {
        var folded = key.ToLowerInvariant();
        if (folded.Length is > 0 and <= MaxKeyLength && folded[0] != ':' && folded.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '.' or ':' or '/' or '-'))
        {
            return folded;
        }

        Fail(session, "KEY_INVALID", [key], "Invalid key", batchId);
        return null;
    }

    /// <summary>761 RPL_KEYVALUE: <c>&lt;client&gt; &lt;target&gt; &lt;key&gt; * :&lt;value&gt;</c>.</summary>
    private static void KeyValue(IrcSession session, string? batchId, string target, string key, string value)
    {
        if (batchId is null)
        {
            session.Numeric(Numerics.RplKeyValue, target, key, "*", value);
        }
        else
        {
            session.NumericInBatch(batchId, Numerics.RplKeyValue, target, key, "*", value);
        }
    }

    /// <summary>766 RPL_KEYNOTSET: <c>&lt;client&gt; &lt;target&gt; &lt;key&gt; :key not set</c>.</summary>
    private static void KeyNotSet(IrcSession session, string? batchId, string target, string key)
    {
        if (batchId is null)
        {
            session.Numeric(Numerics.RplKeyNotSet, target, key, "key not set");
        }
        else
        {
            session.NumericInBatch(batchId, Numerics.RplKeyNotSet, target, key, "key not set");
        }
    }

    private static void Fail(IrcSession session, string code, IReadOnlyList<string> context, string description, string? batchId = null)
    {
        string[] parameters = ["METADATA", code, .. context, description];
        if (batchId is null)
        {
            session.Reply(session.Server.Name, "FAIL", null, parameters, trailing: true);
        }
        else
        {
            session.LineInBatch(batchId, session.Server.Name, "FAIL", null, parameters, trailing: true);
        }
    }

    /// <summary>Keys in as many lines of <paramref name="code"/> as they need (770, 771, 772).</summary>
    private static void KeyLists(IrcSession session, string code, IEnumerable<string> keys, string? batchId = null)
    {
        var line = new List<string>();
        var length = 0;
        foreach (var key in keys)
        {
            if (line.Count > 0 && length + key.Length + 1 > 400)
            {
                Send(line);
                (line, length) = ([], 0);
            }

            line.Add(key);
            length += key.Length + 1;
        }

        if (line.Count > 0)
        {
            Send(line);
        }

        void Send(List<string> parameters)
        {
            if (batchId is null)
            {
                session.Reply(session.Server.Name, code, session.Target, parameters);
            }
            else
            {
                session.LineInBatch(batchId, session.Server.Name, code, session.Target, parameters, trailing: false);
            }
        }
    }

    private static bool FitsValue(string value) => Encoding.UTF8.GetByteCount(value) <= Capabilities.MetadataMaxValueBytes;
}
