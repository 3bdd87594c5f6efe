using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Registry.Client.Transparency;
using Registry.Service.Infrastructure;

namespace Registry.Service.Audit;

/// <summary>
/// One sequencing step, run by the audit writer inside the transaction of the batch it is writing
/// (<see cref="AuditBatchWriter"/>): renew the lease, make sure what this replica knows of the log is still the log
/// (else re-read it and check it against the last signed checkpoint), number the entries written unsequenced (by
/// replicas that do not hold the lease, or before this one took it) gap-free, and sign a checkpoint of everything
/// numbered so far, the writer's own numbering included (<see cref="AuditSequencingState"/>).
/// </summary>
/// <remarks>
/// The step changes nothing of <see cref="AuditSequencingState"/> but to forget it (<see cref="AuditSequencingState.Release"/>,
/// always safe: the writer then writes unsequenced); what it numbered and signed becomes the state's only once the batch
/// commits (<see cref="SequencingStep.ApplyCommitted"/>).
/// </remarks>
internal sealed class AuditSequencingCycle(RegistryDbContext db, SequencingCommands commands, NoteSigner signer, AuditOptions options)
{
    public async Task<SequencingStep> RunAsync(
        string holderId, AuditSequencingState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("A sequencing step runs inside the audit writer's transaction.");
        var dbTransaction = transaction.GetDbTransaction();
        // The steady step (this holder renews, nothing pending) is prepared statements only; EF takes the rare paths.
        var lease = commands.TryRenew(holderId, now.UtcDateTime, options.LeaseDuration, dbTransaction)
            ? LeaseState.Renewed
            : await SequencerLeases.TryTakeAsync(db, holderId, now.UtcDateTime, options.LeaseDuration, cancellationToken);
        if (lease == LeaseState.HeldByOther)
        {
            state.Release();
            return SequencingStep.Discarded(SequencingResult.NotHolder);
        }

        // A freshly taken lease means another replica may have sequenced meanwhile: rebuild and re-check all.
        var frontier = lease == LeaseState.Taken ? null : state.Frontier;
        if (frontier is not null && !IsCurrent(frontier, commands.LastCheckpoint(dbTransaction), state, dbTransaction))
        {
            frontier = null;
        }

        if (frontier is null)
        {
            state.Release();
            var last = await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.TreeSize).FirstOrDefaultAsync(cancellationToken);
            (frontier, var problem) = await AuditFrontierLoader.LoadAsync(db, last, signer.Verifier, cancellationToken);
            if (frontier is null)
            {
                return SequencingStep.Kept(SequencingResult.Refused(problem!)); // keeps the lease; signs nothing
            }

            state.RememberCheckpoint(last?.TreeSize ?? 0, last?.RootHash ?? []);
        }

        var pending = !commands.AnyPending(dbTransaction)
            ? []
            : await db.AuditEntries.AsNoTracking()
                .Where(e => e.Sequence == null)
                .OrderBy(e => e.RecordedAt).ThenBy(e => e.Id)
                .Take(options.SequencerBatchSize)
                .ToListAsync(cancellationToken);
        var next = frontier.Clone();
        if (!await AssignAsync(transaction, pending, next, cancellationToken))
        {
            state.Release();
            return SequencingStep.Discarded(SequencingResult.Refused("an entry was sequenced by someone else during this cycle"));
        }

        var signed = next.Size > 0 && next.Size != state.SignedSize;
        if (signed)
        {
            var note = new Checkpoint(options.Origin, next.Size, next.RootHash()).Sign(signer);
            commands.InsertCheckpoint(
                new AuditCheckpoint { TreeSize = next.Size, RootHash = next.RootHash(), SignedNote = note, CreatedAt = now.UtcDateTime },
                dbTransaction);
        }

        var result = SequencingResult.Held(next, pending.Count, pending.Count > 0 ? pending[0].RecordedAt : null);
        return SequencingStep.Kept(result, now, signed);
    }

    /// <summary>
    /// Whether the log is still exactly what this replica numbered: the last checkpoint is the one it signed and
    /// the highest sequence number is its frontier's last (two index look-ups, not a re-read of the log).
    /// </summary>
    private bool IsCurrent(MerkleFrontier frontier, (long TreeSize, byte[] RootHash)? last, AuditSequencingState state, DbTransaction transaction)
    {
        var lastSigned = last?.TreeSize ?? 0;
        if (lastSigned != state.SignedSize || (last is { } signed && !signed.RootHash.AsSpan().SequenceEqual(state.SignedRoot)))
        {
            return false;
        }

        return (commands.Highest(transaction) ?? -1) == frontier.Size - 1;
    }

    private async Task<bool> AssignAsync(
        IDbContextTransaction transaction, List<AuditEntry> pending, MerkleFrontier next, CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return true;
        }

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
