using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Registry.Service.Infrastructure;

namespace Registry.Service.Audit;

/// <summary>
/// Writes one batch of entries in one transaction: each entry's change inside a savepoint of its own,
/// then every entry's row, then one (synced) commit.
/// </summary>
/// <remarks>
/// A change that throws fails only its own caller: the savepoint is rolled back and the other entries
/// still commit, because one caller's bug or constraint violation must not deny the other callers of the
/// batch. Anything that fails the transaction itself (the inserts, the commit, a savepoint rollback) fails
/// every entry of the batch with AUDIT_UNAVAILABLE and leaves nothing written.
/// </remarks>
internal sealed class AuditBatchWriter(IDbContextFactory<RegistryDbContext> contextFactory, TimeProvider timeProvider)
{
    public async Task WriteAsync(IReadOnlyList<AuditWriteRequest> batch, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var request in batch)
        {
            if (request.Change is not null)
            {
                await ApplyChangeAsync(db, transaction, request, cancellationToken);
            }

            if (request.Failure is null)
            {
                request.Entry = AuditEntryFactory.Create(request.Record, request.Refusal, timeProvider.GetUtcNow());
            }
        }

        using (var insert = new AuditEntryInsert(db.Database.GetDbConnection(), transaction.GetDbTransaction()))
        {
            foreach (var request in batch)
            {
                if (request.Entry is { } entry)
                {
                    await insert.ExecuteAsync(entry, cancellationToken);
                }
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ApplyChangeAsync(
        RegistryDbContext db, IDbContextTransaction transaction, AuditWriteRequest request, CancellationToken cancellationToken)
    {
        const string savepoint = "audit_item";
        await transaction.CreateSavepointAsync(savepoint, cancellationToken);
        try
        {
            request.Refusal = await request.Change!(db, cancellationToken);
            if (request.Refusal is null && db.ChangeTracker.HasChanges())
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            request.Failure = ex is DbException or DbUpdateException ? RegistryErrors.AuditUnavailable(ex) : ex;
        }

        if (request.Refusal is not null || request.Failure is not null)
        {
            // A refused or failed change writes nothing; a refused one still gets its (refused) entry.
            await transaction.RollbackToSavepointAsync(savepoint, cancellationToken);
        }

        db.ChangeTracker.Clear();
        await transaction.ReleaseSavepointAsync(savepoint, cancellationToken);
    }
}
