namespace Registry.Client.Admin;

/// <summary>One run of an import (not a dry run): who ran it, from which source, its state and its counts.</summary>
/// <remarks>Built by the client from the service's answers; tests build it with <see cref="RegistryModelFactory"/>.</remarks>
public sealed class ImportJobInfo
{
    internal ImportJobInfo(
        string importId, string sourceName, ImportJobStatus status, string partnerId, string keyId,
        DateTimeOffset startedAt, DateTimeOffset updatedAt, DateTimeOffset? finishedAt,
        long batches, long inserted, long updated, long unchanged, long rejected)
    {
        ImportId = importId;
        SourceName = sourceName;
        Status = status;
        PartnerId = partnerId;
        KeyId = keyId;
        StartedAt = startedAt;
        UpdatedAt = updatedAt;
        FinishedAt = finishedAt;
        Batches = batches;
        Inserted = inserted;
        Updated = updated;
        Unchanged = unchanged;
        Rejected = rejected;
    }

    /// <summary>Gets the job's id (the <see cref="ImportBatchResult.ImportId"/> of its batches).</summary>
    public string ImportId { get; }

    /// <summary>Gets the import's label (the CLI sends the file name).</summary>
    public string SourceName { get; }

    /// <summary>Gets the job's state.</summary>
    public ImportJobStatus Status { get; }

    /// <summary>Gets the administrator's partner id that ran it.</summary>
    public string PartnerId { get; }

    /// <summary>Gets the id of the API key that ran it.</summary>
    public string KeyId { get; }

    /// <summary>Gets when it started (UTC).</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Gets when a batch was last applied, or the job started or ended (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; }

    /// <summary>Gets when it ended (UTC), or null while running or when abandoned.</summary>
    public DateTimeOffset? FinishedAt { get; }

    /// <summary>Gets the number of batches applied.</summary>
    public long Batches { get; }

    /// <summary>Gets the rows that created a record.</summary>
    public long Inserted { get; }

    /// <summary>Gets the rows that changed a record.</summary>
    public long Updated { get; }

    /// <summary>Gets the rows identical to the stored record.</summary>
    public long Unchanged { get; }

    /// <summary>Gets the rows refused.</summary>
    public long Rejected { get; }
}

/// <summary>One page of import jobs, newest first (<see cref="RegistryClient.ListImportJobsAsync"/>).</summary>
public sealed class ImportJobPage
{
    internal ImportJobPage(IReadOnlyList<ImportJobInfo> jobs, bool hasMore)
    {
        Jobs = jobs;
        HasMore = hasMore;
    }

    /// <summary>Gets the jobs, newest first.</summary>
    public IReadOnlyList<ImportJobInfo> Jobs { get; }

    /// <summary>Gets whether older jobs remain: list again with the last job's <see cref="ImportJobInfo.ImportId"/>.</summary>
    public bool HasMore { get; }
}
