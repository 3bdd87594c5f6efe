using Registry.Service.Consent;
using Registry.Service.Identity;

namespace Registry.Service.Audit;

/// <summary>What a call asks the audit log to record. Never carries h1, a raw identifier or a secret.</summary>
public sealed record AuditRecord
{
    public required string Action { get; init; }

    /// <summary>The authenticated caller; null for the service itself (bootstrap).</summary>
    public required Caller? Actor { get; init; }

    public required string Outcome { get; init; }

    public SubjectKey? Subject { get; init; }

    public string? ConsentId { get; init; }

    public ConsentPurpose? Purpose { get; init; }

    public string? Reason { get; init; }

    public string? RequestId { get; init; }

    public string? Detail { get; init; }

    /// <summary>
    /// The entry's id when the caller must know it before the entry is written (a check's consent use remembers it);
    /// null lets the log assign one. Either way a UUIDv7.
    /// </summary>
    public string? EntryId { get; init; }
}
