namespace Charla.Core.Metadata;

/// <summary>
/// The key-value metadata of a user or a channel (IRCv3 metadata: avatar, display-name, ...),
/// kept as long as its owner lives. Keys are compared as given (the protocol folds them to
/// lower case). Readers take a snapshot without a lock; writers swap in a new array.
/// </summary>
public sealed class MetadataValues
{
    private KeyValuePair<string, string>[] _entries = [];

    /// <summary>Every key and value now, in the order they were first set (a snapshot).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> All => Volatile.Read(ref _entries);

    public int Count => Volatile.Read(ref _entries).Length;

    public string? Get(string key)
    {
        foreach (var entry in Volatile.Read(ref _entries))
        {
            if (entry.Key == key)
            {
                return entry.Value;
            }
        }

        return null;
    }

    /// <summary>
    /// Sets <paramref name="key"/> to <paramref name="value"/>, or removes it when null, unless a
    /// new key would take the count past <paramref name="maxKeys"/>. False when the limit refused it.
    /// </summary>
    public bool TrySet(string key, string? value, int maxKeys)
    {
        lock (this)
        {
            var entries = _entries;
            var index = Array.FindIndex(entries, e => e.Key == key);
            if (value is null)
            {
                if (index >= 0)
                {
                    Volatile.Write(ref _entries, [.. entries[..index], .. entries[(index + 1)..]]);
                }

                return true;
            }

            if (index >= 0)
            {
                var updated = (KeyValuePair<string, string>[])entries.Clone();
                updated[index] = new(key, value);
                Volatile.Write(ref _entries, updated);
                return true;
            }

            if (entries.Length >= maxKeys)
            {
                return false;
            }

            Volatile.Write(ref _entries, [.. entries, new(key, value)]);
            return true;
        }
    }

    /// <summary>Removes every key; returns those that were set.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Clear()
    {
        lock (this)
        {
            var entries = _entries;
            Volatile.Write(ref _entries, []);
            return entries;
        }
    }
}
