namespace Registry.Service.Records;

/// <summary>
/// A court or police record keyed by (<see cref="SourceId"/>, <see cref="CaseNumber"/>). Its subjects are
/// linked by subject key only (<see cref="RecordSubject"/>): the record never holds a raw identifier.
/// </summary>
public sealed class CourtRecord
{
    public long Id { get; init; }

    public required string SourceId { get; init; }

    public required string CaseNumber { get; init; }

    public RecordCategory Category { get; set; }

    public string? Article { get; set; }

    public string? Region { get; set; }

    public string? Court { get; set; }

    public DateOnly DecisionDate { get; set; }

    public DateOnly? EffectiveFrom { get; set; }

    public DateOnly? ExpiresAt { get; set; }

    public RecordStatus Status { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }

    public Guid Version { get; set; }

    /// <summary>
    /// Set by an administrator's first correction since the record was last imported: the <c>RecordDigest</c> of the
    /// record as the court had sent it. While the court's export of the record still has that digest, an import leaves
    /// the correction alone; a changed export supersedes it (and clears this). Null for a record as imported.
    /// </summary>
    public byte[]? CorrectedFrom { get; set; }

    public List<RecordSubject> Subjects { get; } = [];
}
