using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Registry.Service.Infrastructure;

namespace Registry.Service.Partners;

/// <summary>
/// The authentication instruments, on the service's meter (<see cref="RegistryMeter"/>): refusals, BCrypt runs, the
/// verified-key cache's lookups, and how long a revoked key or a suspended partner can still be served from it.
/// </summary>
public sealed class AuthenticationMetrics
{
    public const string FailuresName = "registry.auth.failures";
    public const string VerificationsName = "registry.auth.verifications";
    public const string KeyCacheLookupsName = "registry.auth.key_cache.lookups";
    public const string InvalidationBoundName = "registry.auth.key_cache.invalidation_bound";
    public const string InvalidationLagName = "registry.auth.key_cache.invalidation_lag";

    /// <summary>Served from the cache, without BCrypt.</summary>
    public const string Hit = "hit";

    /// <summary>The key's entry had expired (or was evicted by a change): verified again, in the known lane.</summary>
    public const string Expired = "expired";

    /// <summary>No entry for this key and secret: verified, in the unproven lane.</summary>
    public const string Miss = "miss";

    /// <summary>A lasting refusal of this key and secret, remembered: refused without BCrypt (<see cref="ApiKeyFailureCache"/>).</summary>
    public const string RefusalHit = "refusal_hit";

    private static readonly double[] LagBuckets = [0.1, 0.25, 0.5, 1, 2, 3, 4, 5, 10, 30, 60, 120, 300];

    private readonly Counter<long> _failures;
    private readonly Counter<long> _verifications;
    private readonly Counter<long> _lookups;
    private readonly Histogram<double> _invalidationLag;

    public AuthenticationMetrics(IMeterFactory meterFactory, IOptions<ApiKeyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(options);
        var meter = meterFactory.Create(RegistryMeter.Name);
        _failures = meter.CreateCounter<long>(FailuresName, "{failure}",
            "Calls refused by authentication or by a role policy, by reason (API_KEY_INVALID, AUTH_THROTTLED, ROLE_NOT_ALLOWED, …).");
        _verifications = meter.CreateCounter<long>(VerificationsName, "{verification}",
            "BCrypt verifications run, by lane: known (a key this replica verified before) or unproven.");
        _lookups = meter.CreateCounter<long>(KeyCacheLookupsName, "{lookup}",
            "Well-formed API keys looked up in the verified-key cache, by result: hit, expired, miss, refusal_hit.");
        meter.CreateObservableGauge(InvalidationBoundName, () => options.Value.CacheDuration.TotalSeconds, "s",
            "The configured bound (Registry:ApiKeys:CacheDuration) on how long a revoked key or a suspended partner is still served by a replica that was not told.");
        _invalidationLag = meter.CreateHistogram(InvalidationLagName, "s",
            "At each revocation or suspension, how much longer each evicted cache entry would have served: the lag a replica that was not told shows.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LagBuckets });
    }

    public void Failure(string reason) => _failures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Verification(bool known) => _verifications.Add(1, new KeyValuePair<string, object?>("lane", known ? "known" : "unproven"));

    /// <param name="result"><see cref="Hit"/>, <see cref="Expired"/>, <see cref="Miss"/> or <see cref="RefusalHit"/>.</param>
    public void KeyCacheLookup(string result) => _lookups.Add(1, new KeyValuePair<string, object?>("result", result));

    /// <param name="remaining">How long the evicted entry would still have been served.</param>
    public void Evicted(TimeSpan remaining) => _invalidationLag.Record(Math.Max(0, remaining.TotalSeconds));
}
