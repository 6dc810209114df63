using System.Net;
using System.Net.Sockets;

namespace Charla.Server.Admission;

/// <summary>
/// Counts connections per address (an IPv4 address or an IPv6 /64 by default) and refuses one
/// past either limit: too many open at once, or too many opened within the window. Exempt
/// networks are not counted. Memory stays bounded: an address is forgotten once it has no
/// connection open and its window has passed.
/// </summary>
public sealed class AddressLimits
{
    // Past this many remembered addresses, each admission first forgets the ones that are done.
    private const int SweepAbove = 4096;

    private static readonly IPNetwork[] Localhost = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    private readonly TimeProvider _time;
    private ConnectionLimitOptions _options;
    private IPNetwork[] _exempt;
    private TimeSpan _window;
    private readonly Dictionary<IPAddress, Entry> _entries = [];
    private readonly Lock _gate = new();

    public AddressLimits(ConnectionLimitOptions options, TimeProvider time)
    {
        _time = time;
        (_options, _exempt, _window) = Settings(options);
    }

    /// <summary>Takes new limits (a configuration reload); what each address has open and opened stays counted.</summary>
    public void Reconfigure(ConnectionLimitOptions options)
    {
        lock (_gate)
        {
            (_options, _exempt, _window) = Settings(options);
        }
    }

    private static (ConnectionLimitOptions, IPNetwork[], TimeSpan) Settings(ConnectionLimitOptions options) =>
        (options, [.. options.Exempt.Select(IPNetwork.Parse), .. options.ExemptLocalhost ? Localhost : []], TimeSpan.FromSeconds(options.WindowSeconds));

    /// <summary>Connections still registering, from all addresses, beyond which new ones are refused (0: no limit).</summary>
    public int MaxUnregistered => _options.MaxUnregistered;

    /// <summary>Addresses remembered now (tests: memory stays bounded).</summary>
    public int Remembered
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>
    /// Counts a new connection from <paramref name="address"/>, or refuses it: null when
    /// admitted (then <see cref="Release"/> when it ends), else why not, in words for the
    /// client. <paramref name="firstRefusal"/> is true for the first refusal of this address in
    /// its window (the one worth a line in the log).
    /// </summary>
    public string? TryAdmit(IPAddress address, out bool firstRefusal)
    {
        firstRefusal = false;
        if (IsExempt(address))
        {
            return null;
        }

        var key = KeyOf(address);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_entries.Count > SweepAbove)
            {
                Sweep(now);
            }

            if (!_entries.TryGetValue(key, out var entry))
            {
                entry = _entries[key] = new Entry { WindowStart = now };
            }
            else if (now - entry.WindowStart >= _window)
            {
                (entry.WindowStart, entry.Opened, entry.RefusalLogged) = (now, 0, false);
            }

            string? refusal = null;
            if (_options.MaxPerAddress > 0 && entry.Open >= _options.MaxPerAddress)
            {
                refusal = $"Too many connections from your address ({_options.MaxPerAddress} at once)";
            }
            else if (_options.MaxPerWindow > 0 && entry.Opened >= _options.MaxPerWindow)
            {
                refusal = $"Too many connections from your address ({_options.MaxPerWindow} in {Describe(_window)}); try again later";
            }

            if (refusal is not null)
            {
                firstRefusal = !entry.RefusalLogged;
                entry.RefusalLogged = true;
                return refusal;
            }

            entry.Open++;
            entry.Opened++;
            return null;
        }
    }

    /// <summary>A connection <see cref="TryAdmit"/> admitted has ended.</summary>
    public void Release(IPAddress address)
    {
        // No exemption check: an address exempt now may have been counted before a reload.
        var key = KeyOf(address);
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry) && --entry.Open <= 0 && _time.GetUtcNow() - entry.WindowStart >= _window)
            {
                _entries.Remove(key);
            }
        }
    }

    /// <summary>Whether no limit applies to <paramref name="address"/> (localhost, by default, and the configured networks).</summary>
    public bool IsExempt(IPAddress address) => Array.Exists(_exempt, network => network.Contains(address));

    /// <summary>The address with the bits past the configured prefix cleared: the key it is counted under.</summary>
    private IPAddress KeyOf(IPAddress address)
    {
        var prefix = address.AddressFamily == AddressFamily.InterNetwork ? _options.Ipv4PrefixLength : _options.Ipv6PrefixLength;
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var length);
        bytes = bytes[..length];
        for (var bit = prefix; bit < length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes);
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.Open <= 0 && now - entry.WindowStart >= _window)
            {
                _entries.Remove(key);
            }
        }
    }

    private static string Describe(TimeSpan window) =>
        window.TotalMinutes >= 1 && window.Seconds == 0 ? $"{(int)window.TotalMinutes} minutes" : $"{(int)window.TotalSeconds} seconds";

    private sealed class Entry
    {
        public int Open;
        public int Opened;
        public DateTimeOffset WindowStart;
        public bool RefusalLogged;
    }
}
