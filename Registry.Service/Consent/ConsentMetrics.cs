using System.Diagnostics;
using System.Diagnostics.Metrics;
using Registry.Service.Infrastructure;

namespace Registry.Service.Consent;

/// <summary>
/// The consent-grant instruments, on the service's meter (<see cref="RegistryMeter"/>): grants by outcome (GRANTED,
/// REFUSED, INVALID, FAILED, CANCELLED) and reason code, and their latency. Never a consent, a partner or a subject as a tag.
/// </summary>
public sealed class ConsentMetrics
{
    public const string GrantsName = "registry.consent.grants";
    public const string GrantDurationName = "registry.consent.grant.duration";
    public const string Granted = "GRANTED";

    private readonly Counter<long> _grants;
    private readonly Histogram<double> _duration;
    private readonly TimeProvider _timeProvider;

    public ConsentMetrics(IMeterFactory meterFactory, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _timeProvider = timeProvider;
        var meter = meterFactory.Create(RegistryMeter.Name);
        _grants = meter.CreateCounter<long>(GrantsName, "{grant}",
            "Consent grants handled, by outcome (GRANTED, REFUSED, INVALID, FAILED, CANCELLED) and, unless granted, reason.");
        _duration = meter.CreateHistogram(GrantDurationName, "s",
            "Time from a grant reaching the handler to its audited answer (the consent row is written in the audit batch), by outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RegistryMeter.LatencyBuckets });
    }

    internal long Start() => _timeProvider.GetTimestamp();

    internal void Grant(long started) => Record(started, Granted, null);

    internal void Failed(long started, Exception exception)
    {
        var (outcome, reason) = TelemetryOutcome.Of(exception);
        Record(started, outcome, reason);
    }

    private void Record(long started, string outcome, string? reason)
    {
        var tags = new TagList { { "outcome", outcome } };
        if (reason is not null)
        {
            tags.Add("reason", reason);
        }

        _grants.Add(1, tags);
        _duration.Record(_timeProvider.GetElapsedTime(started).TotalSeconds, tags);
    }
}
