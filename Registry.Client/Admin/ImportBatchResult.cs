namespace Registry.Client.Admin;

/// <summary>The service's answer to one imported batch, applied atomically (or validated, in a dry run).</summary>
/// <remarks>Built by the client from the service's answers; tests build it with <see cref="RegistryModelFactory"/>.</remarks>
public sealed class ImportBatchResult
{
    internal ImportBatchResult(long batchNumber, int inserted, int updated, int unchanged, int rejected, IReadOnlyList<RowRejection> rejections, string auditEntryId, string importId = "")
    {
        BatchNumber = batchNumber;
        Inserted = inserted;
        Updated = updated;
        Unchanged = unchanged;
        Rejected = rejected;
        Rejections = rejections;
        AuditEntryId = auditEntryId;
        ImportId = importId;
    }

    /// <summary>Gets the batch number, counting from 1 in the order the batches were sent.</summary>
    public long BatchNumber { get; }

    /// <summary>Gets how many rows created a record.</summary>
    public int Inserted { get; }

    /// <summary>Gets how many rows changed a record.</summary>
    public int Updated { get; }

    /// <summary>Gets how many rows matched their record exactly.</summary>
    public int Unchanged { get; }

    /// <summary>Gets how many rows were refused.</summary>
    public int Rejected { get; }

    /// <summary>Gets the refused rows, with line, field and reason.</summary>
    public IReadOnlyList<RowRejection> Rejections { get; }

    /// <summary>Gets the id of the audit entry that records the batch; empty in a dry run, which writes nothing.</summary>
    public string AuditEntryId { get; }

    /// <summary>Gets the id of the import job the batch belongs to (the same for every batch of one import); empty in a dry run.</summary>
    public string ImportId { get; }
}
