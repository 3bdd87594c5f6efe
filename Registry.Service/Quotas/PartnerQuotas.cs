using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Registry.Service.Infrastructure;

namespace Registry.Service.Quotas;

/// <summary>
/// One token bucket per partner, in this process (System.Threading.RateLimiting). A call over the quota fails with
/// RESOURCE_EXHAUSTED (reason <see cref="ExceededReason"/>) and a RetryInfo delay, before it reads or writes anything; the
/// other partners are unaffected. With several replicas each holds its own buckets, so a partner's quota is per replica.
/// </summary>
public sealed class PartnerQuotas : IDisposable
{
    /// <summary>The reason of a call refused for its partner's quota.</summary>
    public const string ExceededReason = "QUOTA_EXCEEDED";

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private readonly PartitionedRateLimiter<string> _limiter;

    public PartnerQuotas(IOptions<QuotaOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var quota = options.Value;
        // Refilled ten times a second (smoother than once a second) when the rate allows whole permits per tick.
        var (period, perPeriod) = quota.PermitsPerSecond >= 10
            ? (Tick, quota.PermitsPerSecond / 10)
            : (TimeSpan.FromSeconds(1), quota.PermitsPerSecond);
        _limiter = PartitionedRateLimiter.Create<string, string>(partnerId => RateLimitPartition.GetTokenBucketLimiter(partnerId, _ =>
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = quota.Burst,
                TokensPerPeriod = perPeriod,
                ReplenishmentPeriod = period,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        Burst = quota.Burst;
    }

    public int Burst { get; }

    /// <summary>Takes <paramref name="permits"/> from the partner's bucket, or throws RESOURCE_EXHAUSTED with a retry delay.</summary>
    public void Acquire(string partnerId, int permits)
    {
        ArgumentNullException.ThrowIfNull(partnerId);
        using var lease = _limiter.AttemptAcquire(partnerId, Math.Min(permits, Burst));
        if (lease.IsAcquired)
        {
            return;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
        throw RegistryErrors.ResourceExhausted(ExceededReason, string.Create(CultureInfo.InvariantCulture,
                $"This partner's quota of calls is used up; retry in {Math.Ceiling(retryAfter.TotalSeconds)} s. Ask the registry administrators for a higher quota if your traffic needs it."),
            retryAfter < Tick ? Tick : retryAfter);
    }

    public void Dispose() => _limiter.Dispose();
}
