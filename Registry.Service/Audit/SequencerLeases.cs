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
    public const string SequencerLeaseName = "audit-sequencer";

    public static async Task<bool> TryTakeAsync(
        RegistryDbContext db, string holderId, DateTime now, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var expiresAt = now + duration;
        var changed = await db.SequencerLeases
            .Where(l => l.Name == SequencerLeaseName && (l.HolderId == holderId || l.ExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.HolderId, holderId).SetProperty(l => l.ExpiresAt, expiresAt), cancellationToken);
        if (changed == 1)
        {
            return true;
        }

        if (await db.SequencerLeases.AnyAsync(l => l.Name == SequencerLeaseName, cancellationToken))
        {
            return false;
        }

        db.SequencerLeases.Add(new SequencerLease { Name = SequencerLeaseName, HolderId = holderId, ExpiresAt = expiresAt });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another replica created the lease first.
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
