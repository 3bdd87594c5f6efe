using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Registry.Client.Transparency;
using Registry.Service.Identity;
using Registry.Service.Infrastructure;

namespace Registry.Service.Audit;

/// <summary>
/// Runs the client library's offline <see cref="AuditLogVerifier"/> over the stored rows and checkpoints,
/// with the service's own verifier key: the same code an auditor runs without the service. Each verification
/// opens its own context.
/// </summary>
public sealed class AuditVerifyHandler(IDbContextFactory<RegistryDbContext> contextFactory, NoteSigner signer, IOptions<AuditOptions> options, AuditorCalls auditorCalls)
{
    public async Task<(AuditVerificationResult Result, string AuditEntryId)> VerifyAsync(
        Caller caller, long fromSequence, long? toSequence, CancellationToken cancellationToken)
    {
        if (fromSequence < 0 || toSequence < fromSequence)
        {
            throw AuditErrors.Invalid("to_sequence", "must be at least from_sequence, and from_sequence at least 0");
        }

        var auditId = await auditorCalls.RecordAsync(caller, AuditActions.AuditVerify,
            string.Create(CultureInfo.InvariantCulture, $"from={fromSequence};to={toSequence}"), cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var verifierOptions = new AuditLogVerifierOptions
        {
            FromSequence = fromSequence,
            ToSequence = toSequence,
            Origin = options.Value.Origin,
            StartFrontier = fromSequence == 0 ? null : await FrontierBeforeAsync(db, fromSequence, cancellationToken),
        };
        var notes = await db.AuditCheckpoints.AsNoTracking().OrderBy(c => c.TreeSize).Select(c => c.SignedNote).ToListAsync(cancellationToken);
        var verifier = new AuditLogVerifier(signer.Verifier, verifierOptions);
        var result = await verifier.VerifyAsync(RowsAsync(db, fromSequence, cancellationToken), notes, cancellationToken);
        return (result, auditId);
    }

    private static async IAsyncEnumerable<AuditLogRow> RowsAsync(RegistryDbContext db, long fromSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = db.AuditEntries.AsNoTracking().Where(e => e.Sequence >= fromSequence).OrderBy(e => e.Sequence).AsAsyncEnumerable();
        await foreach (var entry in rows.WithCancellation(cancellationToken))
        {
            yield return AuditEntryMapping.ToRow(entry);
        }
    }

    private static async Task<MerkleFrontier> FrontierBeforeAsync(RegistryDbContext db, long size, CancellationToken cancellationToken)
    {
        // The verified range starts from the stored hashes before it; checkpoints inside the range still
        // check those hashes against signed roots.
        var frontier = new MerkleFrontier();
        var hashes = db.AuditEntries.AsNoTracking().Where(e => e.Sequence < size).OrderBy(e => e.Sequence)
            .Select(e => e.LeafHash!).AsAsyncEnumerable();
        await foreach (var hash in hashes.WithCancellation(cancellationToken))
        {
            frontier.Append(hash);
        }

        return frontier.Size == size ? frontier : throw AuditErrors.Invalid("from_sequence", "is beyond the sequenced log");
    }
}
