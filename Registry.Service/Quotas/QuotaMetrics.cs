using System.Diagnostics.Metrics;
using Registry.Service.Infrastructure;

namespace Registry.Service.Quotas;

/// <summary>
/// The quota instruments, on the service's meter (<see cref="RegistryMeter"/>): calls refused for their partner's quota, by
/// reason and by which quota refused them (the partner's own or the default). Never the partner as a tag: partners are
/// unbounded; the audit log and the administrators' tools say which one.
/// </summary>
public sealed class QuotaMetrics
{
    public const string RefusalsName = "registry.quota.refusals";

    private readonly Counter<long> _refusals;

    public QuotaMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(RegistryMeter.Name);
        _refusals = meter.CreateCounter<long>(RefusalsName, "{call}",
            "Calls refused with RESOURCE_EXHAUSTED for their partner's quota, by reason and quota (partner: set by an administrator; default).");
    }

    internal void Refused(string reason, bool ownQuota) =>
        _refusals.Add(1, new KeyValuePair<string, object?>("reason", reason), new KeyValuePair<string, object?>("quota", ownQuota ? "partner" : "default"));
}
