using System.Diagnostics.Metrics;
using Registry.Service.Infrastructure;

namespace Registry.Service.Partners;

/// <summary>The authentication instruments, on the service's meter (<see cref="RegistryMeter"/>).</summary>
public sealed class AuthenticationMetrics
{
    public const string FailuresName = "registry.auth.failures";
    public const string VerificationsName = "registry.auth.verifications";

    private readonly Counter<long> _failures;
    private readonly Counter<long> _verifications;

    public AuthenticationMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(RegistryMeter.Name);
        _failures = meter.CreateCounter<long>(FailuresName, "{failure}",
            "Calls refused by authentication or by a role policy, by reason (API_KEY_INVALID, AUTH_THROTTLED, ROLE_NOT_ALLOWED, …).");
        _verifications = meter.CreateCounter<long>(VerificationsName, "{verification}",
            "BCrypt verifications run, by lane: known (a key this replica verified before) or unproven.");
    }

    public void Failure(string reason) => _failures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Verification(bool known) => _verifications.Add(1, new KeyValuePair<string, object?>("lane", known ? "known" : "unproven"));
}
