using System.ComponentModel.DataAnnotations;

namespace Registry.Service.Quotas;

/// <summary>
/// The default quota of every partner (spec §7, OWASP API4): a token bucket of <see cref="Burst"/> permits refilled at
/// <see cref="PermitsPerSecond"/>. A check costs one permit, a CheckBatch one per item, a grant one. The defaults are far
/// above what a large dating app needs at peak (tens of checks a second) and far below a sweep (the sweeper ran
/// at about 1,000 calls a second).
/// </summary>
public sealed class QuotaOptions
{
    public const string SectionName = "Registry:Quotas";

    public const int MaxPermitsPerSecond = 1_000_000;

    /// <summary>The smallest bucket: one full CheckBatch.</summary>
    public const int MinBurst = 100;

    public const int MaxBurst = 10_000_000;

    /// <summary>Permits added per second.</summary>
    [Range(1, MaxPermitsPerSecond)]
    public int PermitsPerSecond { get; set; } = 200;

    /// <summary>The bucket's size: the most permits a partner can spend at once. At least a full CheckBatch (100).</summary>
    [Range(MinBurst, MaxBurst)]
    public int Burst { get; set; } = 2_000;
}
