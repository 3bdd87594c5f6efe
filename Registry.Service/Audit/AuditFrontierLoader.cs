using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Registry.Client.Transparency;
using Registry.Service.Infrastructure;

namespace Registry.Service.Audit;

/// <summary>
/// Rebuilds the Merkle frontier of the sequenced log from the rows, recomputing every leaf hash from the
/// entry's content, when a replica takes the sequencer lease. Anything that does not add up (a gap, a
/// content/hash mismatch, a tree of the last checkpoint's size whose root differs from it, fewer entries than it
/// signed) is a refusal to extend the log. Entries numbered beyond the last checkpoint are kept: the writer numbers
/// entries as it commits them, and the checkpoint that covers them follows within a sequencing interval.
/// </summary>
public static class AuditFrontierLoader
{
    public static async Task<(MerkleFrontier? Frontier, string? Problem)> LoadAsync(
        RegistryDbContext db, AuditCheckpoint? last, NoteVerifier verifier, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(verifier);
        var frontier = new MerkleFrontier();
        var prefixChecked = last is null;
        var rows = db.AuditEntries.AsNoTracking().Where(e => e.Sequence != null).OrderBy(e => e.Sequence).AsAsyncEnumerable();
        await foreach (var entry in rows.WithCancellation(cancellationToken))
        {
            if (!prefixChecked && frontier.Size == last!.TreeSize)
            {
                if (CheckAgainst(frontier, last, verifier) is { } problem)
                {
                    return (null, problem);
                }

                prefixChecked = true;
            }

            if (entry.Sequence != frontier.Size)
            {
                return (null, $"sequence {frontier.Size} is missing or out of order (found {entry.Sequence})");
            }

            var leaf = AuditEntryEncoding.LeafHash(frontier.Size, AuditEntryMapping.ToData(entry));
            if (entry.LeafHash is null || !CryptographicOperations.FixedTimeEquals(leaf, entry.LeafHash))
            {
                return (null, $"the entry at sequence {frontier.Size} does not match its stored leaf hash");
            }

            frontier.Append(leaf);
        }

        // Entries numbered after the last checkpoint (by a holder that stopped before it signed them) extend the
        // signed tree; the signed tree itself must be exactly there.
        if (!prefixChecked && CheckAgainst(frontier, last!, verifier) is { } atEnd)
        {
            return (null, atEnd);
        }

        return (frontier, null);
    }

    /// <summary>Null when the frontier is exactly the tree the checkpoint signed; otherwise what differs.</summary>
    public static string? CheckAgainst(MerkleFrontier frontier, AuditCheckpoint checkpoint, NoteVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(frontier);
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (!Checkpoint.TryOpen(checkpoint.SignedNote, verifier, out var signed))
        {
            return $"the checkpoint of size {checkpoint.TreeSize} has no valid signature by {verifier.Name}";
        }

        if (signed.TreeSize != checkpoint.TreeSize || !signed.RootHash.AsSpan().SequenceEqual(checkpoint.RootHash))
        {
            return $"the checkpoint row of size {checkpoint.TreeSize} differs from its signed note";
        }

        if (frontier.Size != checkpoint.TreeSize)
        {
            return $"the log has {frontier.Size} sequenced entries but the last checkpoint signed {checkpoint.TreeSize}";
        }

        return frontier.RootHash().AsSpan().SequenceEqual(checkpoint.RootHash)
            ? null
            : $"the root of the first {checkpoint.TreeSize} entries differs from the last signed checkpoint";
    }
}
