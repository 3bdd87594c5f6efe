using Registry.Client.Transparency;

namespace Registry.Service.Audit;

/// <summary>Maps stored rows to the canonical data the leaf hash is computed over (docs/audit.md).</summary>
public static class AuditEntryMapping
{
    public static AuditEntryData ToData(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new AuditEntryData
        {
            EntryId = entry.Id,
            RecordedAt = new DateTimeOffset(DateTime.SpecifyKind(entry.RecordedAt, DateTimeKind.Utc)),
            PartnerId = entry.PartnerId,
            KeyId = entry.KeyId,
            Role = entry.ActorRole,
            Action = entry.Action,
            SubjectKey = entry.SubjectKey ?? ReadOnlyMemory<byte>.Empty,
            SubjectKeyId = entry.SubjectKeyId,
            ConsentId = entry.ConsentId,
            Purpose = entry.Purpose,
            Outcome = entry.Outcome,
            Reason = entry.Reason,
            RequestId = entry.RequestId,
            Detail = entry.Detail,
        };
    }

    /// <summary>A sequenced row as the offline verifier reads it.</summary>
    public static AuditLogRow ToRow(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new AuditLogRow(entry.Sequence ?? -1, ToData(entry), entry.LeafHash ?? []);
    }
}
