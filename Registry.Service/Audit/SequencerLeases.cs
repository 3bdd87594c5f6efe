using Microsoft.EntityFrameworkCore;
using Registry.Service.Infrastructure;

namespace Registry.Service.Audit;

/// <summary>
/// Takes or renews the sequencer lease with one conditional UPDATE, inside the caller's transaction: the
/// holder renews its own lease; anyone takes an expired one. On SQLite the UPDATE also takes the write lock,
/// so the rest of the sequencing transaction runs under a lease nobody else can take before it commits.
/// </summary>
public static class SequencerLeases
{
    public const string SequencerLeaseName = SequencerLease.AuditSequencerName;

    /// <summary>
    /// The renewal of <see cref="TryTakeAsync"/> as SQL, for the writer's prepared steady step (<see cref="SequencingCommands"/>):
    /// keep the two forms the same rule.
    /// </summary>
    public const string RenewSql =
        "UPDATE sequencer_leases SET ExpiresAt = @expires WHERE Name = @name AND HolderId = @holder AND ExpiresAt >= @now";

    /// <summary>
    /// <see cref="LeaseState.Renewed"/> when this holder's unexpired lease was extended; <see cref="LeaseState.Taken"/>
    /// when it took an expired or missing lease (anything may have happened meanwhile, so the caller must
    /// re-read the log); <see cref="LeaseState.HeldByOther"/> otherwise.
    /// </summary>
    public static async Task<LeaseState> TryTakeAsync(
        RegistryDbContext db, string holderId, DateTime now, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var expiresAt = now + duration;
        // The same rule as RenewSql.
        var renewed = await db.SequencerLeases
            .Where(l => l.Name == SequencerLeaseName && l.HolderId == holderId && l.ExpiresAt >= now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, expiresAt), cancellationToken);
        if (renewed == 1)
        {
            return LeaseState.Renewed;
        }

        var taken = await db.SequencerLeases
            .Where(l => l.Name == SequencerLeaseName && l.ExpiresAt < now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.HolderId, holderId).SetProperty(l => l.ExpiresAt, expiresAt), cancellationToken);
        if (taken == 1)
        {
            return LeaseState.Taken;
        }

        if (await db.SequencerLeases.AnyAsync(l => l.Name == SequencerLeaseName, cancellationToken))
        {
            return LeaseState.HeldByOther;
        }

        db.SequencerLeases.Add(new SequencerLease { Name = SequencerLeaseName, HolderId = holderId, ExpiresAt = expiresAt });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return LeaseState.Taken;
        }
        catch (DbUpdateException)
        {
            // Another replica created the lease first.
            db.ChangeTracker.Clear();
            return LeaseState.HeldByOther;
        }
    }
}
