using System.Runtime.CompilerServices;
using Registry.Client.Audit;
using P = Registry.Protos.V1;

namespace Registry.Client;

public partial class RegistryClient
{
    /// <summary>Queries the audit log (auditor keys); the query itself is audited.</summary>
    /// <param name="query">The filters and paging.</param>
    /// <param name="cancellationToken">Cancels the query, including every later page fetch.</param>
    /// <returns>The matching entries in sequence order. Pages are pulled from the service only as the sequence is enumerated.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is <see langword="null"/>.</exception>
    /// <exception cref="RegistryValidationException">The service refused the time range, page size or page token (thrown while enumerating).</exception>
    /// <exception cref="RegistryAuthException">The key is invalid or not an auditor's (thrown while enumerating).</exception>
    /// <exception cref="RegistryRequestException">The service failed the query (thrown while enumerating).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual IAsyncEnumerable<AuditEntryInfo> QueryAuditLogAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var request = AuditMapping.ToRequest(query);
        return QueryAuditLogCoreAsync(request, cancellationToken);
    }

    /// <summary>Asks the service to verify a range of the audit log (auditor keys). Verify offline as well: this trusts the service.</summary>
    /// <param name="fromSequence">The first sequence number to verify (inclusive).</param>
    /// <param name="toSequence">The last sequence number to verify (inclusive); the end of the log when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the range verified, where and how it did not, and the receipt of the request.</returns>
    /// <exception cref="RegistryAuthException">The key is invalid or not an auditor's.</exception>
    /// <exception cref="RegistryRequestException">The service failed the call or the client's timeout expired.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual async Task<ServerAuditVerification> VerifyAuditLogAsync(
        long fromSequence = 0, long? toSequence = null, CancellationToken cancellationToken = default)
    {
        var request = new P.VerifyAuditLogRequest { FromSequence = fromSequence };
        if (toSequence is { } to)
        {
            request.ToSequence = to;
        }

        var response = await _invoker
            .UnaryAsync(_audit.VerifyAuditLogAsync, request, isRepeatable: true, requestId: null, cancellationToken)
            .ConfigureAwait(false);
        return AuditMapping.ToSdk(response);
    }

    /// <summary>Lists signed checkpoints, newest first (auditor keys).</summary>
    /// <param name="pageSize">At most this many, 1..1000; 0 for the service's default (100).</param>
    /// <param name="beforeSize">Only checkpoints with a tree size below this; 0 for the newest.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The checkpoints.</returns>
    /// <exception cref="RegistryValidationException">The service refused the page size.</exception>
    /// <exception cref="RegistryAuthException">The key is invalid or not an auditor's.</exception>
    /// <exception cref="RegistryRequestException">The service failed the call or the client's timeout expired.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual async Task<IReadOnlyList<AuditCheckpoint>> ListCheckpointsAsync(
        int pageSize = 0, long beforeSize = 0, CancellationToken cancellationToken = default)
    {
        var request = new P.ListCheckpointsRequest { PageSize = pageSize, BeforeSize = beforeSize };

        var response = await _invoker
            .UnaryAsync(_audit.ListCheckpointsAsync, request, isRepeatable: true, requestId: null, cancellationToken)
            .ConfigureAwait(false);
        return response.Checkpoints.Select(AuditMapping.ToSdk).ToArray();
    }

    /// <summary>Gets the RFC 9162 inclusion proof of an audit entry (auditor keys).</summary>
    /// <param name="entryId">The entry (a receipt returned by another call).</param>
    /// <param name="treeSize">The tree size to prove against; 0 for the latest checkpoint.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entry, its canonical bytes, the audit path and the checkpoint to verify against.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entryId"/> is <see langword="null"/>.</exception>
    /// <exception cref="RegistryNotFoundException">The entry does not exist (<c>AUDIT_ENTRY_NOT_FOUND</c>).</exception>
    /// <exception cref="RegistryConflictException">The entry is not in a checkpoint yet (<c>AUDIT_ENTRY_NOT_SEQUENCED</c>); retry shortly.</exception>
    /// <exception cref="RegistryValidationException">The tree size is beyond the latest checkpoint or not above the entry.</exception>
    /// <exception cref="RegistryAuthException">The key is invalid or not an auditor's.</exception>
    /// <exception cref="RegistryRequestException">The service failed the call or the client's timeout expired.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual async Task<AuditInclusionProof> GetInclusionProofAsync(
        string entryId, long treeSize = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entryId);
        var request = new P.GetInclusionProofRequest { EntryId = entryId, TreeSize = treeSize };

        var response = await _invoker
            .UnaryAsync(_audit.GetInclusionProofAsync, request, isRepeatable: true, requestId: null, cancellationToken)
            .ConfigureAwait(false);
        return AuditMapping.ToSdk(response);
    }

    /// <summary>Gets the RFC 9162 consistency proof between two tree sizes (auditor keys).</summary>
    /// <param name="firstSize">The smaller tree size.</param>
    /// <param name="secondSize">The larger tree size; 0 for the latest checkpoint.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The proof and the checkpoints of both sizes.</returns>
    /// <exception cref="RegistryValidationException">The sizes are out of order or beyond the latest checkpoint.</exception>
    /// <exception cref="RegistryAuthException">The key is invalid or not an auditor's.</exception>
    /// <exception cref="RegistryRequestException">The service failed the call or the client's timeout expired.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual async Task<AuditConsistencyProof> GetConsistencyProofAsync(
        long firstSize, long secondSize = 0, CancellationToken cancellationToken = default)
    {
        var request = new P.GetConsistencyProofRequest { FirstSize = firstSize, SecondSize = secondSize };

        var response = await _invoker
            .UnaryAsync(_audit.GetConsistencyProofAsync, request, isRepeatable: true, requestId: null, cancellationToken)
            .ConfigureAwait(false);
        return AuditMapping.ToSdk(response);
    }

    /// <summary>Gets the checkpoint verifier key auditors pin (auditor keys; not audited).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The C2SP verifier key and the checkpoint origin.</returns>
    /// <exception cref="RegistryAuthException">The key is invalid or not an auditor's.</exception>
    /// <exception cref="RegistryRequestException">The service failed the call or the client's timeout expired.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual async Task<AuditPublicKey> GetPublicKeyAsync(CancellationToken cancellationToken = default)
    {
        var response = await _invoker
            .UnaryAsync(_audit.GetPublicKeyAsync, new P.GetPublicKeyRequest(), isRepeatable: true, requestId: null, cancellationToken)
            .ConfigureAwait(false);
        return new AuditPublicKey(response.VerifierKey, response.Origin);
    }

    /// <summary>Exports the sequenced entries of a range with their canonical bytes and checkpoints, for offline verification
    /// (auditor keys).</summary>
    /// <param name="fromSequence">The first sequence number (inclusive).</param>
    /// <param name="toSequence">The last sequence number (inclusive); the end of the sequenced log when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>The pages, in sequence order, pulled from the service as the sequence is enumerated.</returns>
    /// <exception cref="RegistryAuthException">The key is invalid or not an auditor's (thrown while enumerating).</exception>
    /// <exception cref="RegistryRequestException">The service failed the export (thrown while enumerating).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual IAsyncEnumerable<AuditExportPage> ExportAuditLogAsync(
        long fromSequence = 0, long? toSequence = null, CancellationToken cancellationToken = default)
    {
        var request = new P.ExportAuditLogRequest { FromSequence = fromSequence };
        if (toSequence is { } to)
        {
            request.ToSequence = to;
        }

        return ExportAuditLogCoreAsync(request, cancellationToken);
    }

    private async IAsyncEnumerable<AuditEntryInfo> QueryAuditLogCoreAsync(
        P.QueryAuditLogRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pages = _invoker.ServerStreamAsync(options => _audit.QueryAuditLog(request, options), cancellationToken);
        await foreach (var page in pages.ConfigureAwait(false))
        {
            foreach (var entry in page.Entries)
            {
                yield return AuditMapping.ToSdk(entry);
            }
        }
    }

    private async IAsyncEnumerable<AuditExportPage> ExportAuditLogCoreAsync(
        P.ExportAuditLogRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pages = _invoker.ServerStreamAsync(options => _audit.ExportAuditLog(request, options), cancellationToken);
        await foreach (var page in pages.ConfigureAwait(false))
        {
            yield return AuditMapping.ToSdk(page);
        }
    }
}
