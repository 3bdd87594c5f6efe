using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Registry.Client.Transparency;
using Registry.Service.Infrastructure;

namespace Registry.Service.Audit;

/// <summary>
/// One sequencing transaction: renew the lease, check the in-memory frontier against the last signed
/// checkpoint, number the unsequenced entries gap-free, store their leaf hashes, and sign the new checkpoint.
/// </summary>
internal sealed class AuditSequencingCycle(RegistryDbContext db, NoteSigner signer, AuditOptions options)
{
    public async Task<SequencingResult> RunAsync(
        string holderId, MerkleFrontier? cached, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var lease = await SequencerLeases.TryTakeAsync(db, holderId, now.UtcDateTime, options.LeaseDuration, cancellationToken);
        if (lease == LeaseState.HeldByOther)
        {
            return SequencingResult.NotHolder;
        }

        var last = await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.TreeSize).FirstOrDefaultAsync(cancellationToken);
        // A freshly taken lease means another replica may have sequenced meanwhile: rebuild and re-check all.
        var frontier = lease == LeaseState.Taken ? null : cached;
        if (frontier is null || (last is null ? frontier.Size != 0 : AuditFrontierLoader.CheckAgainst(frontier, last, signer.Verifier) is not null))
        {
            (frontier, var problem) = await AuditFrontierLoader.LoadAsync(db, last, signer.Verifier, cancellationToken);
            if (frontier is null)
            {
                await transaction.CommitAsync(cancellationToken); // keeps the lease; signs nothing
                return SequencingResult.Refused(problem!);
            }
        }

        var pending = await db.AuditEntries.AsNoTracking()
            .Where(e => e.Sequence == null)
            .OrderBy(e => e.RecordedAt).ThenBy(e => e.Id)
            .Take(options.SequencerBatchSize)
            .ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return SequencingResult.Held(frontier, 0);
        }

        var next = frontier.Clone();
        if (!await AssignAsync(transaction, pending, next, cancellationToken))
        {
            return SequencingResult.Refused("an entry was sequenced by someone else during this cycle");
        }

        var note = new Checkpoint(options.Origin, next.Size, next.RootHash()).Sign(signer);
        db.AuditCheckpoints.Add(new AuditCheckpoint
        {
            TreeSize = next.Size,
            RootHash = next.RootHash(),
            SignedNote = note,
            CreatedAt = now.UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return SequencingResult.Held(next, pending.Count);
    }

    private async Task<bool> AssignAsync(
        IDbContextTransaction transaction, List<AuditEntry> pending, MerkleFrontier next, CancellationToken cancellationToken)
    {
        await using var update = db.Database.GetDbConnection().CreateCommand();
        update.Transaction = transaction.GetDbTransaction();
        update.CommandText = "UPDATE audit_entries SET Sequence = @seq, LeafHash = @leaf WHERE Id = @id AND Sequence IS NULL";
        var sequence = update.AddParameter("@seq", DbType.Int64);
        var leaf = update.AddParameter("@leaf", DbType.Binary);
        var id = update.AddParameter("@id", DbType.String);
        foreach (var entry in pending)
        {
            var hash = AuditEntryEncoding.LeafHash(next.Size, AuditEntryMapping.ToData(entry));
            sequence.Value = next.Size;
            leaf.Value = hash;
            id.Value = entry.Id;
            if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                return false;
            }

            next.Append(hash);
        }

        return true;
    }
}
