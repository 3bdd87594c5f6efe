namespace Registry.Service.Consent;

/// <summary>A subject's consent to one partner for one purpose. Stores the subject key, never h1.</summary>
public sealed class SubjectConsent
{
    public required string Id { get; init; }

    public required string PartnerId { get; init; }

    public required byte[] SubjectKey { get; init; }

    public required string SubjectKeyId { get; init; }

    public ConsentPurpose Purpose { get; init; }

    public ConsentScope Scope { get; init; }

    public DateTime GrantedAt { get; init; }

    public DateTime ExpiresAt { get; init; }

    public DateTime? RevokedAt { get; set; }

    public int MaxUses { get; init; }

    public int Uses { get; set; }

    /// <summary>The request id of the last check that used this consent, so that its retry is not counted twice.</summary>
    public string? LastRequestId { get; set; }

    /// <summary>
    /// A SHA-256 digest of what that check answered (never the answer itself): a retry that would get the same answer
    /// is given it again under <see cref="LastAuditEntryId"/>, unaudited, so one check is one entry.
    /// </summary>
    public byte[]? LastAnswerDigest { get; set; }

    /// <summary>The id of the audit entry that recorded that check: the receipt a replayed retry returns.</summary>
    public string? LastAuditEntryId { get; set; }

    public EvidenceKind EvidenceKind { get; init; }

    public required string EvidenceReference { get; init; }

    public DateTime EvidenceCapturedAt { get; init; }
}
