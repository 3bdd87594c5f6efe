namespace Registry.Service.Consent;

/// <summary>
/// What a check reads of a consent: the fields the refusal rules and the answer need, and what the last check that used
/// it answered (a digest and its audit entry id) so that its retry is recognised (<c>Checks.CheckRepeats</c>).
/// </summary>
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
    string? LastRequestId,
    byte[]? LastAnswerDigest,
    string? LastAuditEntryId);
