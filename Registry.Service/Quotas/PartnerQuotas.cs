using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Registry.Service.Identity;
using Registry.Service.Infrastructure;

namespace Registry.Service.Quotas;

/// <summary>
/// One token bucket per partner, in this process (System.Threading.RateLimiting): the partner's own quota when an
/// administrator set one (<see cref="Caller.Quota"/>, from the key cache), otherwise <see cref="QuotaOptions"/>. A call over
/// the quota fails with RESOURCE_EXHAUSTED (reason <see cref="ExceededReason"/>) and a RetryInfo delay, before it reads or
/// writes anything; the other partners are unaffected. With several replicas each holds its own buckets, so a partner's
/// quota is per replica. A changed quota starts a new bucket (the old one is dropped once idle).
/// </summary>
public sealed class PartnerQuotas : IDisposable
{
    /// <summary>The reason of a call refused for its partner's quota.</summary>
    public const string ExceededReason = "QUOTA_EXCEEDED";

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private readonly PartitionedRateLimiter<Bucket> _limiter;
    private readonly QuotaOptions _defaults;
    private readonly QuotaMetrics _metrics;

    public PartnerQuotas(IOptions<QuotaOptions> options, QuotaMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        _defaults = options.Value;
        _metrics = metrics;
        _limiter = PartitionedRateLimiter.Create<Bucket, Bucket>(bucket => RateLimitPartition.GetTokenBucketLimiter(bucket, Create));
    }

    /// <summary>Takes <paramref name="permits"/> from the caller's bucket, or throws RESOURCE_EXHAUSTED with a retry delay.</summary>
    public void Acquire(Caller caller, int permits)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (perSecond, burst) = caller.Quota ?? (_defaults.PermitsPerSecond, _defaults.Burst);
        using var lease = _limiter.AttemptAcquire(new Bucket(caller.PartnerId, perSecond, burst), Math.Min(permits, burst));
        if (lease.IsAcquired)
        {
            return;
        }

        _metrics.Refused(ExceededReason, caller.Quota is not null);
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
        throw RegistryErrors.ResourceExhausted(ExceededReason, string.Create(CultureInfo.InvariantCulture,
                $"This partner's quota of calls is used up; retry in {Math.Ceiling(retryAfter.TotalSeconds)} s. Ask the registry administrators for a higher quota if your traffic needs it."),
            retryAfter < Tick ? Tick : retryAfter);
    }

    public void Dispose() => _limiter.Dispose();

    // Refilled ten times a second (smoother than once a second) when the rate divides into whole permits per tick.
    private static TokenBucketRateLimiterOptions Create(Bucket bucket) => new()
    {
        TokenLimit = bucket.Burst,
        TokensPerPeriod = bucket.PermitsPerSecond % 10 == 0 ? bucket.PermitsPerSecond / 10 : bucket.PermitsPerSecond,
        ReplenishmentPeriod = bucket.PermitsPerSecond % 10 == 0 ? Tick : TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private readonly record struct Bucket(string PartnerId, int PermitsPerSecond, int Burst);
}
