using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Registry.Client.Transparency;
using Registry.Service.Identity;
using Registry.Service.Infrastructure;

namespace Registry.Service.Audit;

/// <summary>
/// RFC 9162 §2.1 inclusion and consistency proofs, computed from the stored leaf hashes of the signed
/// prefix of the log. (Reads every leaf hash of the tree, 32 bytes each: fine to a few million entries;
/// stored interior nodes would make it logarithmic.) Each proof opens its own context.
/// </summary>
public sealed class AuditProofHandler(IDbContextFactory<RegistryDbContext> contextFactory, AuditorCalls auditorCalls)
{
    public async Task<AuditInclusionProof> InclusionAsync(Caller caller, string entryId, long treeSize, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(entryId) || entryId.Length > 36)
        {
            throw AuditErrors.Invalid("entry_id", "is required, at most 36 characters");
        }

        var auditId = await auditorCalls.RecordAsync(caller, AuditActions.AuditProve,
            string.Create(CultureInfo.InvariantCulture, $"inclusion;entry={entryId};tree_size={treeSize}"), cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var entry = await db.AuditEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == entryId, cancellationToken)
            ?? throw AuditErrors.EntryNotFound();
        var latest = await LatestSizeAsync(db, cancellationToken);
        if (entry.Sequence is not { } index || index >= latest)
        {
            throw AuditErrors.EntryNotSequenced();
        }

        var size = treeSize == 0 ? latest : treeSize;
        if (size > latest || size <= index)
        {
            throw AuditErrors.Invalid("tree_size", $"must be above the entry's index {index} and at most the latest checkpoint {latest}");
        }

        var leaves = await LeafHashesAsync(db, size, cancellationToken);
        var path = MerkleTree.InclusionProof(index, size, leaves);
        var canonical = AuditEntryEncoding.Encode(index, AuditEntryMapping.ToData(entry));
        return new AuditInclusionProof(entry, canonical, size, path, await CheckpointAsync(db, size, cancellationToken), auditId);
    }

    public async Task<AuditConsistencyProof> ConsistencyAsync(Caller caller, long firstSize, long secondSize, CancellationToken cancellationToken)
    {
        var auditId = await auditorCalls.RecordAsync(caller, AuditActions.AuditProve,
            string.Create(CultureInfo.InvariantCulture, $"consistency;first={firstSize};second={secondSize}"), cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var latest = await LatestSizeAsync(db, cancellationToken);
        var second = secondSize == 0 ? latest : secondSize;
        if (firstSize < 0 || firstSize > second || second > latest)
        {
            throw AuditErrors.Invalid("first_size", $"must be 0..second_size, and second_size at most the latest checkpoint {latest}");
        }

        var leaves = await LeafHashesAsync(db, second, cancellationToken);
        var path = firstSize == 0 ? [] : MerkleTree.ConsistencyProof(firstSize, second, leaves);
        return new AuditConsistencyProof(firstSize, second, path,
            await CheckpointAsync(db, firstSize, cancellationToken), await CheckpointAsync(db, second, cancellationToken), auditId);
    }

    private static async Task<long> LatestSizeAsync(RegistryDbContext db, CancellationToken cancellationToken) =>
        await db.AuditCheckpoints.MaxAsync(c => (long?)c.TreeSize, cancellationToken) ?? 0;

    private static Task<AuditCheckpoint?> CheckpointAsync(RegistryDbContext db, long size, CancellationToken cancellationToken) =>
        db.AuditCheckpoints.AsNoTracking().SingleOrDefaultAsync(c => c.TreeSize == size, cancellationToken);

    private static async Task<IReadOnlyList<byte[]>> LeafHashesAsync(RegistryDbContext db, long size, CancellationToken cancellationToken) =>
        await db.AuditEntries.AsNoTracking()
            .Where(e => e.Sequence != null && e.Sequence < size)
            .OrderBy(e => e.Sequence).Select(e => e.LeafHash!).ToListAsync(cancellationToken);
}
