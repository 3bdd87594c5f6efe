using Registry.Client.Admin;
using Registry.Client.Internal;
using P = Registry.Protos.V1;

namespace Registry.Client;

public partial class RegistryClient
{
    /// <summary>Corrects the status and/or end date of a record (admin keys).</summary>
    /// <param name="sourceId">The exporting system of the record.</param>
    /// <param name="caseNumber">The record's case number.</param>
    /// <param name="reason">Why, recorded in the audit entry; no personal data.</param>
    /// <param name="status">The new status, when it changes.</param>
    /// <param name="expiresAt">The new end date, when it changes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The audit receipt.</returns>
    /// <exception cref="ArgumentNullException">A string argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="status"/> is undefined.</exception>
    /// <exception cref="RegistryNotFoundException">The record does not exist (<c>RECORD_NOT_FOUND</c>).</exception>
    /// <exception cref="RegistryValidationException">The service refused an argument.</exception>
    /// <exception cref="RegistryAuthException">The key is invalid or not an administrator's.</exception>
    /// <exception cref="RegistryRequestException">The service failed the call or the client's timeout expired.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual async Task<RecordChange> CorrectRecordAsync(
        string sourceId,
        string caseNumber,
        string reason,
        RecordStatus? status = null,
        DateOnly? expiresAt = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sourceId);
        ArgumentNullException.ThrowIfNull(caseNumber);
        ArgumentNullException.ThrowIfNull(reason);
        var request = new P.CorrectRecordRequest
        {
            SourceId = sourceId,
            CaseNumber = caseNumber,
            Reason = reason,
            Status = status is { } s ? RecordStatusWire.ToProto(s, nameof(status)) : P.RecordStatus.Unspecified,
            ExpiresAt = ProtoConvert.ToNullableDate(expiresAt),
        };

        var response = await _invoker
            .UnaryAsync(_admin.CorrectRecordAsync, request, isRepeatable: false, requestId: null, cancellationToken)
            .ConfigureAwait(false);
        return new RecordChange(response.AuditEntryId);
    }

    /// <summary>Expunges a record: it is never disclosed again (admin keys).</summary>
    /// <param name="sourceId">The exporting system of the record.</param>
    /// <param name="caseNumber">The record's case number.</param>
    /// <param name="reason">Why, recorded in the audit entry; no personal data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The audit receipt.</returns>
    /// <exception cref="ArgumentNullException">A string argument is <see langword="null"/>.</exception>
    /// <exception cref="RegistryNotFoundException">The record does not exist (<c>RECORD_NOT_FOUND</c>).</exception>
    /// <exception cref="RegistryAuthException">The key is invalid or not an administrator's.</exception>
    /// <exception cref="RegistryRequestException">The service failed the call or the client's timeout expired.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual async Task<RecordChange> ExpungeRecordAsync(
        string sourceId, string caseNumber, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sourceId);
        ArgumentNullException.ThrowIfNull(caseNumber);
        ArgumentNullException.ThrowIfNull(reason);
        var request = new P.ExpungeRecordRequest { SourceId = sourceId, CaseNumber = caseNumber, Reason = reason };

        var response = await _invoker
            .UnaryAsync(_admin.ExpungeRecordAsync, request, isRepeatable: false, requestId: null, cancellationToken)
            .ConfigureAwait(false);
        return new RecordChange(response.AuditEntryId);
    }

    /// <summary>Imports records over one bidirectional stream: sends the batches in order and yields the service's answer to each
    /// (admin keys).</summary>
    /// <param name="sourceName">A label for the import (e.g. the file name), recorded in the audit entry.</param>
    /// <param name="batches">The batches of 1..1000 rows, numbered 1, 2, … in the order they are produced. Each is applied atomically.</param>
    /// <param name="dryRun"><see langword="true"/> to validate and report without writing anything.</param>
    /// <param name="cancellationToken">Cancels the import; batches already answered stay applied.</param>
    /// <returns>One result per batch, as the service answers them. The stream is not retried: an interrupted import can simply be
    /// run again, because re-sending a row changes nothing. The service ends a stream that sends nothing for its import idle
    /// timeout (5 minutes by default) with <c>DEADLINE_EXCEEDED</c>, reason <c>IMPORT_IDLE</c>, so produce the batches without long
    /// pauses.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sourceName"/>, <paramref name="batches"/>, a batch or a row is
    /// <see langword="null"/> (thrown while enumerating).</exception>
    /// <exception cref="ArgumentException">A row has an undefined category or status (thrown while enumerating).</exception>
    /// <exception cref="RegistryAuthException">The key is invalid or not an administrator's.</exception>
    /// <exception cref="RegistryRequestException">The service failed the import.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual IAsyncEnumerable<ImportBatchResult> ImportRecordsAsync(
        string sourceName,
        IAsyncEnumerable<IReadOnlyList<RecordRow>> batches,
        bool dryRun = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(batches);
        var start = new P.ImportStart { SourceName = sourceName, DryRun = dryRun };
        return new RecordImport(_invoker, options => _admin.ImportRecords(options), start, batches).RunAsync(cancellationToken);
    }

    /// <summary>Lists import jobs, newest first, with their state and counts (admin keys). Dry runs leave no job.</summary>
    /// <param name="pageSize">At most this many jobs, 1..100; 0 for the service's default (20).</param>
    /// <param name="beforeImportId">Only jobs started before this one (the last <see cref="ImportJobInfo.ImportId"/> of the previous
    /// page); <see langword="null"/> for the newest.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page, and whether older jobs remain.</returns>
    /// <exception cref="RegistryValidationException"><paramref name="pageSize"/> is out of range or <paramref name="beforeImportId"/> is
    /// not an import id.</exception>
    /// <exception cref="RegistryAuthException">The key is invalid or not an administrator's.</exception>
    /// <exception cref="RegistryRequestException">The service failed the call or the client's timeout expired.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual async Task<ImportJobPage> ListImportJobsAsync(int pageSize = 0, string? beforeImportId = null, CancellationToken cancellationToken = default)
    {
        var request = new P.ListImportJobsRequest { PageSize = pageSize, BeforeImportId = beforeImportId ?? string.Empty };
        var response = await _invoker
            .UnaryAsync(_admin.ListImportJobsAsync, request, isRepeatable: true, requestId: null, cancellationToken)
            .ConfigureAwait(false);
        return AdminMapping.ToSdk(response);
    }
}
