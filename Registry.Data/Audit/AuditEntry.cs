namespace Registry.Service.Audit;

/// <summary>
/// One row of the append-only access log (spec §5). Replicas only insert rows with a null
/// <see cref="Sequence"/>; the sequencer later numbers them gap-free and sets <see cref="LeafHash"/>.
/// No code path updates any other column or deletes a row.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>A UUIDv7: unique across replicas, roughly time-ordered; the caller's receipt.</summary>
    public required string Id { get; init; }

    public long? Sequence { get; set; }

    public DateTime RecordedAt { get; init; }

    public string? PartnerId { get; init; }

    public string? KeyId { get; init; }

    public required string ActorRole { get; init; }

    public required string Action { get; init; }

    public byte[]? SubjectKey { get; init; }

    public string? SubjectKeyId { get; init; }

    public string? ConsentId { get; init; }

    public string? Purpose { get; init; }

    public required string Outcome { get; init; }

    public string? Reason { get; init; }

    public string? RequestId { get; init; }

    public string? Detail { get; init; }

    public byte[]? LeafHash { get; set; }
}
