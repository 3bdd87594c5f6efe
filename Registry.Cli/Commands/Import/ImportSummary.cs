namespace Registry.Cli.Commands.Import;

/// <summary>The result of <c>registry import</c>; under <c>--json</c> the one JSON object on stdout. Field names are a contract (docs/import.md).</summary>
/// <param name="File">The file imported, as given.</param>
/// <param name="DryRun">True when nothing was written.</param>
/// <param name="Total">The data rows read (the header and empty lines not counted).</param>
/// <param name="Inserted">Rows that created a record (in a dry run: would have).</param>
/// <param name="Updated">Rows that changed their record.</param>
/// <param name="Unchanged">Rows that matched their record exactly.</param>
/// <param name="Rejected">Rows refused, on this machine or by the service; each is in the rejects file.</param>
/// <param name="Batches">The batches the service answered.</param>
/// <param name="ImportId">The service's import job; absent in a dry run.</param>
/// <param name="RejectsFile">Where the rejected rows were written; absent when none was.</param>
internal sealed record ImportSummary(
    string File,
    bool DryRun,
    long Total,
    long Inserted,
    long Updated,
    long Unchanged,
    long Rejected,
    long Batches,
    string? ImportId,
    string? RejectsFile);
