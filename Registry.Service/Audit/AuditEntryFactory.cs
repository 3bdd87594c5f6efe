namespace Registry.Service.Audit;

/// <summary>Turns what a call asks to record into the row that is stored.</summary>
public static class AuditEntryFactory
{
    public static AuditEntry Create(AuditRecord record, string? refusal, DateTimeOffset now, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new AuditEntry
        {
            Id = record.EntryId ?? Guid.CreateVersion7(now).ToString(),
            // Microsecond precision: the canonical encoding stores microseconds, so the stored value must round-trip.
            RecordedAt = new DateTime(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc),
            PartnerId = record.Actor?.PartnerId,
            KeyId = record.Actor?.KeyId,
            ActorRole = record.Actor is { } actor ? AuditNames.Role(actor.Role) : string.Empty,
            Action = record.Action,
            SubjectKey = record.Subject?.Value,
            SubjectKeyId = record.Subject?.KeyId,
            ConsentId = record.ConsentId,
            Purpose = record.Purpose is { } purpose ? AuditNames.Purpose(purpose) : null,
            Outcome = refusal is null ? record.Outcome : AuditOutcomes.Refused,
            Reason = refusal ?? record.Reason,
            RequestId = record.RequestId,
            Detail = detail ?? record.Detail,
        };
    }
}
