using Charla.Protocols.Irc.Replies;

namespace Charla.Protocols.Irc.Commands;

/// <summary>METADATA SET and CLEAR: changing a target's keys, on oneself or a channel one operates.</summary>
public sealed partial class MetadataCommand
{
    private static void Set(IrcContext context, Target target, string requestedKey, string? value)
    {
        var session = context.Session;
        if (Key(session, requestedKey) is not { } key || !MayChange(context, target, key))
        {
            return;
        }

        if (value is not null && (value.Length == 0 || !FitsValue(value)))
        {
            Fail(session, "VALUE_INVALID", [], $"Values of {key} are 1 to {Capabilities.MetadataMaxValueBytes} bytes of UTF-8");
            return;
        }

        var stored = target.User is { } user ? context.Engine.SetMetadata(user, key, value) : context.Engine.SetMetadata(session, target.Channel!, key, value);
        if (!stored)
        {
            Fail(session, "LIMIT_REACHED", [target.Name], $"At most {context.Engine.Options.MaxMetadataKeys} keys");
        }
        else if (value is null)
        {
            KeyNotSet(session, null, target.Name, key);
        }
        else
        {
            KeyValue(session, null, target.Name, key, value);
        }
    }

    private static void Clear(IrcContext context, Target target)
    {
        var session = context.Session;
        if (!MayChange(context, target, "*"))
        {
            return;
        }

        var removed = target.Values.All;
        ReplyBatch.Send(session, "metadata", target.Name, id =>
        {
            foreach (var (key, _) in removed)
            {
                if (target.User is { } user)
                {
                    context.Engine.SetMetadata(user, key, null);
                }
                else
                {
                    context.Engine.SetMetadata(session, target.Channel!, key, null);
                }

                KeyNotSet(session, id, target.Name, key);
            }
        });
    }

    /// <summary>Whether the client may change the target's keys: its own, or a channel's it operates; else FAIL KEY_NO_PERMISSION.</summary>
    private static bool MayChange(IrcContext context, Target target, string key)
    {
        var session = context.Session;
        var allowed = target.User is { } user ? ReferenceEquals(user, session) : target.Channel!.IsOperator(session);
        if (!allowed)
        {
            Fail(session, "KEY_NO_PERMISSION", [target.Name, key], "You may change only your own keys and those of channels you operate");
        }

        return allowed;
    }
}
