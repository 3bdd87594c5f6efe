using System.Diagnostics;
using System.Diagnostics.Metrics;
using Registry.Service.Infrastructure;

namespace Registry.Service.Checks;

/// <summary>
/// The check instruments, on the service's meter (<see cref="RegistryMeter"/>), and the names of a check's spans
/// (<see cref="RegistryActivitySource"/>). Tags are an outcome and a reason code, never a consent, a partner or a subject.
/// </summary>
/// <remarks>
/// Counted in <see cref="CheckHandler"/>, so a check refused before it reaches the handler (authentication, quota,
/// enumeration watch) is counted by those instruments instead. An item of a CheckBatch counts as one check, with the
/// batch's latency; a batch that fails as a whole (its audit write failed) counts each of its items as FAILED.
/// </remarks>
public sealed class CheckMetrics
{
    public const string ChecksName = "registry.checks";
    public const string DurationName = "registry.check.duration";

    public const string CheckSpan = "registry.check";
    public const string BatchSpan = "registry.check.batch";
    public const string ConsentLookupSpan = "registry.consent.lookup";
    public const string RecordsLookupSpan = "registry.records.lookup";
    public const string AuditWaitSpan = "registry.audit.wait";

    public const string OutcomeTag = "outcome";
    public const string ReasonTag = "reason";

    private readonly Counter<long> _checks;
    private readonly Histogram<double> _duration;
    private readonly TimeProvider _timeProvider;

    public CheckMetrics(IMeterFactory meterFactory, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _timeProvider = timeProvider;
        var meter = meterFactory.Create(RegistryMeter.Name);
        _checks = meter.CreateCounter<long>(ChecksName, "{check}",
            "Checks answered by the check handler, by outcome (RECORD_FOUND, NO_RECORD, REFUSED, INVALID, FAILED, CANCELLED) and reason (unless answered; REPLAYED for a retry given its first answer again).");
        _duration = meter.CreateHistogram(DurationName, "s",
            "Time from a check reaching the handler to its audited answer (consent lookup, records lookup, audit commit), by outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RegistryMeter.LatencyBuckets });
    }

    internal long Start() => _timeProvider.GetTimestamp();

    internal void Checked(long started, CheckItemOutcome outcome, Activity? activity)
    {
        var (name, reason) = Classify(outcome);
        Record(started, name, reason, 1);
        Tag(activity, name, reason);
    }

    internal void Checked(long started, IReadOnlyList<CheckItemOutcome> outcomes)
    {
        var elapsed = _timeProvider.GetElapsedTime(started).TotalSeconds;
        foreach (var outcome in outcomes)
        {
            var (name, reason) = Classify(outcome);
            var tags = Tags(name, reason);
            _checks.Add(1, tags);
            _duration.Record(elapsed, tags);
        }
    }

    internal void Failed(long started, Exception exception, int items, Activity? activity)
    {
        var (name, reason) = TelemetryOutcome.Of(exception);
        Record(started, name, reason, items);
        Tag(activity, name, reason);
    }

    private void Record(long started, string outcome, string? reason, int items)
    {
        var elapsed = _timeProvider.GetElapsedTime(started).TotalSeconds;
        var tags = Tags(outcome, reason);
        _checks.Add(items, tags);
        for (var i = 0; i < items; i++)
        {
            _duration.Record(elapsed, tags);
        }
    }

    private static TagList Tags(string outcome, string? reason)
    {
        var tags = new TagList { { OutcomeTag, outcome } };
        if (reason is not null)
        {
            tags.Add(ReasonTag, reason);
        }

        return tags;
    }

    private static void Tag(Activity? activity, string outcome, string? reason)
    {
        activity?.SetTag("registry.check.outcome", outcome);
        if (reason is not null)
        {
            activity?.SetTag("registry.check.reason", reason);
        }
    }

    private static (string Outcome, string? Reason) Classify(CheckItemOutcome outcome) =>
        outcome.Result is { } result
            ? (result.RecordFound ? "RECORD_FOUND" : "NO_RECORD", result.Replayed ? ReplayedReason : null)
            : TelemetryOutcome.Of(outcome.Error!);

    /// <summary>The reason tag of an answer that is a retry given its first answer again, unaudited (<see cref="CheckRepeats"/>).</summary>
    public const string ReplayedReason = "REPLAYED";
}
