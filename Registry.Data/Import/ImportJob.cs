namespace Registry.Service.Import;

/// <summary>
/// One run of <c>ImportRecords</c>: who started it, from which file, and its row counts, which each batch updates in the
/// transaction that applies it, so the counts always match what is in the registry.
/// </summary>
public sealed class ImportJob
{
    /// <summary>The longest source name (the file name the CLI sends).</summary>
    public const int SourceNameMaxLength = 200;

    public required string Id { get; init; }

    public required string SourceName { get; init; }

    public string? PartnerId { get; init; }

    public string? KeyId { get; init; }

    public required string Status { get; set; }

    public DateTime StartedAt { get; init; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    public long Batches { get; set; }

    public long Inserted { get; set; }

    public long Updated { get; set; }

    public long Unchanged { get; set; }

    public long Rejected { get; set; }
}

/// <summary>The states of an <see cref="ImportJob"/>.</summary>
public static class ImportJobStatus
{
    /// <summary>Batches are being applied; also what a job interrupted by a crash is left in (its batches stay applied; it is listed as <see cref="Abandoned"/>).</summary>
    public const string Running = "running";

    /// <summary>The client sent its last batch and every batch was applied.</summary>
    public const string Completed = "completed";

    /// <summary>The stream ended early: cancelled by the client, idle too long, or failed; the batches answered before stay applied.</summary>
    public const string Interrupted = "interrupted";

    /// <summary>
    /// Never stored: how a <see cref="Running"/> job is listed once no batch has been applied to it for twice the import idle
    /// timeout (<c>Registry.Service.Import.ImportJobQuery</c>), because the service that ran it stopped mid-stream.
    /// </summary>
    public const string Abandoned = "abandoned";
}
