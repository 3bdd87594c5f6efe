namespace Registry.Service.Consent;

/// <summary>What a check reads of a consent: the fields the refusal rules and the answer need, nothing more.</summary>
public sealed record ConsentState(
    string Id,
    string PartnerId,
    byte[] SubjectKey,
    string SubjectKeyId,
    ConsentPurpose Purpose,
    ConsentScope Scope,
    DateTime ExpiresAt,
    DateTime? RevokedAt,
    int MaxUses,
    int Uses,
    string? LastRequestId);
