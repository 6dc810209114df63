using System.Text.Json;
using System.Text.Json.Serialization;

namespace Charla.Load.Measure;

/// <summary>One run's outcome: the scenario's shape and what was measured. Printed as a summary and one JSON line.</summary>
public sealed record LoadResult
{
    public required string Scenario { get; init; }
    public required string Server { get; init; }
    public required string Protocol { get; init; }
    public int Clients { get; init; }
    public int Senders { get; init; }
    public int Messages { get; init; }
    public double Rate { get; init; }
    public int Channels { get; init; }
    public long Expected { get; init; }
    public long Delivered { get; init; }
    public long Lost { get; init; }
    public long AcksMissing { get; init; }
    public int OutOfOrder { get; init; }
    public int Disconnected { get; init; }
    public double Seconds { get; init; }
    public double DeliveriesPerSecond { get; init; }
    public double P50Ms { get; init; }
    public double P99Ms { get; init; }
    public double MaxMs { get; init; }
    public double? ServerCpuSeconds { get; init; }
    public double? CpuSecondsPerMillionDeliveries { get; init; }
    public long? ServerKiBBefore { get; init; }
    public long? ServerKiBAfter { get; init; }
    public double? KiBPerConnection { get; init; }
    public double ConnectionsPerSecond { get; init; }
    public long Sessions { get; init; }
    public double SessionsPerSecond { get; init; }

    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static LoadResult? FromJson(string line) => JsonSerializer.Deserialize<LoadResult>(line, Json);
}
