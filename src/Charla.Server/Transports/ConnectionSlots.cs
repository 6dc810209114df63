namespace Charla.Server.Transports;

/// <summary>
/// How many chat connections (plain and IRC together) may be open at once, and how many are:
/// a listener takes a slot for each connection it accepts and refuses the connection, with an
/// error line, when none is free.
/// </summary>
/// <remarks>
/// Why a cap at all: each connection holds a file descriptor, and the .NET runtime needs a few
/// of its own (loading code, mapping memory). Accepting until the process has none left made
/// the runtime abort ("Out of memory.") under a flood of connections. So the cap keeps
/// <see cref="ReservedDescriptors"/> free, as C ircds keep a reserve below their descriptor limit.
/// </remarks>
public sealed class ConnectionSlots
{
    /// <summary>
    /// Descriptors kept, beyond those open at start, for what opens later: the runtime keeps each
    /// assembly it loads open (about 150 at start; more load with the first IRC client, the first
    /// HTTP request...), HTTP connections, and a refusal in progress.
    /// </summary>
    public const int ReservedDescriptors = 128;

    private int _taken;

    public ConnectionSlots(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
    }

    /// <summary>The most connections open at once.</summary>
    public int Capacity { get; }

    /// <summary>Connections open now.</summary>
    public int Taken => Volatile.Read(ref _taken);

    /// <summary>
    /// The cap for this process: what its descriptor limit leaves after those already open and
    /// the reserve, or <paramref name="configured"/> when that is set (above 0) and lower.
    /// </summary>
    /// <param name="configured"><c>Tcp:MaxConnections</c>; 0 for no cap but the descriptors'.</param>
    /// <param name="descriptorLimit">The process's limit (RLIMIT_NOFILE), null where unknown.</param>
    /// <param name="descriptorsOpen">Descriptors open now (the runtime's, the listeners').</param>
    public static int CapacityFor(int configured, long? descriptorLimit, int descriptorsOpen)
    {
        var fromDescriptors = descriptorLimit is { } limit
            ? (int)Math.Clamp(limit - descriptorsOpen - ReservedDescriptors, 0, int.MaxValue)
            : int.MaxValue;
        return configured > 0 ? Math.Min(configured, fromDescriptors) : fromDescriptors;
    }

    /// <summary>Takes a slot for a new connection; false when all are taken.</summary>
    public bool TryTake()
    {
        if (Interlocked.Increment(ref _taken) <= Capacity)
        {
            return true;
        }

        Interlocked.Decrement(ref _taken);
        return false;
    }

    /// <summary>Gives back the slot of a connection that has ended.</summary>
    public void Return() => Interlocked.Decrement(ref _taken);
}
