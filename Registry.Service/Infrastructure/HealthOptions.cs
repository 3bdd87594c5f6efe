using System.ComponentModel.DataAnnotations;

namespace Registry.Service.Infrastructure;

/// <summary>The readiness that <c>grpc.health.v1.Health</c> and <c>/healthz</c> report (<c>Registry:Health</c>).</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Registry:Health";

    /// <summary>
    /// How often the health checks (the database) run in the background; Health/Check answers from the last run, so
    /// a fault shows within this period. Default 5 s. At least 1 s (the health check publisher's minimum).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long one audit batch may take to commit before health reports NOT_SERVING (a database that hangs rather
    /// than fails), and how long the health probe waits for its own entry. Default 5 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan AuditCommitTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
