namespace Registry.Service.Infrastructure;

/// <summary>
/// The service's one meter: every feature's instruments are created on it (docs/operations.md, "Metrics and traces").
/// Its spans come from <see cref="RegistryActivitySource"/>, under the same name.
/// </summary>
public static class RegistryMeter
{
    public const string Name = "Registry.Service";

    /// <summary>
    /// The bucket boundaries (seconds) of every latency histogram: 0.1 ms to 5 s, about three to a decade, so that a
    /// check's p50 (a fraction of a millisecond on SQLite) and a stalled commit (seconds) both fall between two bounds.
    /// </summary>
    public static IReadOnlyList<double> LatencyBuckets { get; } =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
}
