using Registry.Client.Consents;

namespace Registry.Client.Audit;

/// <summary>One audit log entry (spec §5). It never contains a subject's hash, identifiers or secrets.</summary>
/// <remarks>Built by the client from the service's answers; tests build it with <see cref="RegistryModelFactory"/>.</remarks>
public sealed class AuditEntryInfo
{
    internal AuditEntryInfo(string entryId, long? sequence, DateTimeOffset recordedAt, AuditActor actor, string action, ReadOnlyMemory<byte> subjectKey, string subjectKeyId, string consentId, Purpose? purpose, string outcome, string reason, string requestId, string detail, ReadOnlyMemory<byte> leafHash)
    {
        EntryId = entryId;
        Sequence = sequence;
        RecordedAt = recordedAt;
        Actor = actor;
        Action = action;
        SubjectKey = subjectKey;
        SubjectKeyId = subjectKeyId;
        ConsentId = consentId;
        Purpose = purpose;
        Outcome = outcome;
        Reason = reason;
        RequestId = requestId;
        Detail = detail;
        LeafHash = leafHash;
    }

    /// <summary>Gets the entry id, returned to the caller as a receipt.</summary>
    public string EntryId { get; }

    /// <summary>Gets the gap-free sequence number (0-based leaf index), or <see langword="null"/> until sequenced.</summary>
    public long? Sequence { get; }

    /// <summary>Gets when the call was made (UTC).</summary>
    public DateTimeOffset RecordedAt { get; }

    /// <summary>Gets who made the call.</summary>
    public AuditActor Actor { get; }

    /// <summary>Gets the action, e.g. <c>check</c>, <c>consent.grant</c>, <c>partner.create</c>.</summary>
    public string Action { get; }

    /// <summary>Gets the server's keyed subject hash (HMAC-SHA256), empty when the call concerned no subject.</summary>
    public ReadOnlyMemory<byte> SubjectKey { get; }

    /// <summary>Gets the id of the server key the subject key was computed with.</summary>
    public string SubjectKeyId { get; }

    /// <summary>Gets the consent id, when the call concerned one.</summary>
    public string ConsentId { get; }

    /// <summary>Gets the purpose, when the call concerned one.</summary>
    public Purpose? Purpose { get; }

    /// <summary>Gets the outcome: <c>ok</c>, <c>record_found</c>, <c>no_record</c>, <c>refused</c> or <c>failed</c>.</summary>
    public string Outcome { get; }

    /// <summary>Gets the machine-readable reason of a refusal or failure, else empty.</summary>
    public string Reason { get; }

    /// <summary>Gets the caller's request id.</summary>
    public string RequestId { get; }

    /// <summary>Gets action-specific, non-personal details.</summary>
    public string Detail { get; }

    /// <summary>Gets the RFC 6962 leaf hash, empty until sequenced.</summary>
    public ReadOnlyMemory<byte> LeafHash { get; }
}
