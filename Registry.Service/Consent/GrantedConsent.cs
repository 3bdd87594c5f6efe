using Registry.Service.Identity;

namespace Registry.Service.Consent;

/// <summary>The result of a grant, with what the enumeration watch counts (the subject key, the grant's and the evidence's times).</summary>
public sealed record GrantedConsent(string ConsentId, DateTime ExpiresAt, int MaxUses, string AuditEntryId)
{
    public required SubjectKey Subject { get; init; }

    public required DateTimeOffset GrantedAt { get; init; }

    public required DateTimeOffset EvidenceCapturedAt { get; init; }
}
