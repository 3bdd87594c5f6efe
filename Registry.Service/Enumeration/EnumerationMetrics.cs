using System.Diagnostics.Metrics;
using Registry.Service.Infrastructure;

namespace Registry.Service.Enumeration;

/// <summary>
/// The enumeration watch's instruments, on the service's meter ("Registry.Service"): throttles and suspensions by signal,
/// calls refused by level, and new subjects seen. Tags are bounded: a signal set or a level, never a subject.
/// </summary>
public sealed class EnumerationMetrics
{
    private readonly Counter<long> _throttles;
    private readonly Counter<long> _suspensions;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _newSubjects;

    public EnumerationMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(RegistryMeter.Name);
        _throttles = meter.CreateCounter<long>("registry.enumeration.throttles", "{partner}", "Partners throttled by the enumeration watch.");
        _suspensions = meter.CreateCounter<long>("registry.enumeration.suspensions", "{partner}", "Partners suspended by the enumeration watch.");
        _refused = meter.CreateCounter<long>("registry.enumeration.refused", "{call}", "Calls refused because their partner is throttled or suspended by the enumeration watch.");
        _newSubjects = meter.CreateCounter<long>("registry.enumeration.new_subjects", "{subject}", "Grants for a subject new to its partner in the last two hours.");
    }

    internal void Stepped(EnumerationAction action)
    {
        var counter = action.Level == WatchLevel.Suspended ? _suspensions : _throttles;
        counter.Add(1, new KeyValuePair<string, object?>("signals", action.Reading.SignalNames));
    }

    internal void Refused(WatchLevel level) =>
        _refused.Add(1, new KeyValuePair<string, object?>("level", level == WatchLevel.Suspended ? "suspended" : "throttled"));

    internal void NewSubject() => _newSubjects.Add(1);
}
