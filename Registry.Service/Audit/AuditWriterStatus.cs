namespace Registry.Service.Audit;

/// <summary>A snapshot of <see cref="AuditWriterHealth"/>.</summary>
/// <param name="CommittingSince">When the batch now being committed started; null when the writer is idle.</param>
/// <param name="FailedBatches">Batches that failed in a row since the last one that committed.</param>
/// <param name="FailingSince">When the first of those failed.</param>
/// <param name="LastCause">The type name of the last failure.</param>
public sealed record AuditWriterStatus(DateTimeOffset? CommittingSince, int FailedBatches, DateTimeOffset? FailingSince, string? LastCause)
{
    public static readonly AuditWriterStatus Writable = new(null, 0, null, null);

    public bool IsFailing => FailedBatches > 0;
}
