namespace Registry.Service.Consent;

/// <summary>A request to grant a consent, in domain terms (null = not given).</summary>
public sealed record GrantConsentCommand(
    byte[] H1,
    ConsentPurpose? Purpose,
    ConsentScope? Scope,
    TimeSpan? ValidFor,
    int MaxUses,
    EvidenceKind? EvidenceKind,
    string EvidenceReference,
    DateTimeOffset? EvidenceCapturedAt,
    string? RequestId);
