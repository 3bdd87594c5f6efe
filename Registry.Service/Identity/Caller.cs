using Registry.Service.Consent;
using Registry.Service.Partners;

namespace Registry.Service.Identity;

/// <summary>The authenticated caller of an RPC: its partner, the key it used, its role and allowed purposes.</summary>
public sealed record Caller(string PartnerId, string KeyId, PartnerRole Role, IReadOnlyList<ConsentPurpose> AllowedPurposes)
{
    /// <summary>The partner's own quota (permits per second, burst), or null for the service's defaults.</summary>
    public (int PermitsPerSecond, int Burst)? Quota { get; init; }
}
