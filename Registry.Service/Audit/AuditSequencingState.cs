using Registry.Client.Transparency;

namespace Registry.Service.Audit;

/// <summary>
/// What this replica knows of the log while it holds the sequencer lease: the Merkle frontier of every entry
/// numbered so far, until when it may number entries as it writes them, and the last checkpoint it signed. The
/// sequencing cycle (<see cref="AuditSequencer"/>) sets it; the audit writer reads and extends it in each batch's
/// own transaction, so entries are numbered and hashed once, as they are written, not rewritten by a second pass.
/// Only the writer's thread touches it: a cycle runs as a step of one of the writer's transactions
/// (<see cref="AuditBatchWriter"/>).
/// </summary>
public sealed class AuditSequencingState
{
    /// <summary>The log as numbered so far; null when this replica does not hold the lease or must re-read the log.</summary>
    public MerkleFrontier? Frontier { get; private set; }

    /// <summary>
    /// Until this instant the writer numbers entries in its own transaction. Half a lease before the lease itself
    /// expires, so another replica (which may take the lease only once it expired by its own clock) never numbers
    /// at the same time while clocks differ by less than half a lease.
    /// </summary>
    public DateTimeOffset NumberUntil { get; private set; }

    public long SignedSize { get; private set; } = -1;

    public byte[]? SignedRoot { get; private set; }

    /// <summary>The frontier to number this batch's entries with, or null to write them unsequenced.</summary>
    public MerkleFrontier? NumberingFrontier(DateTimeOffset now) => Frontier is not null && now < NumberUntil ? Frontier : null;

    public void Hold(MerkleFrontier frontier, DateTimeOffset now, TimeSpan leaseDuration)
    {
        Frontier = frontier;
        NumberUntil = now + (leaseDuration / 2);
    }

    public void RememberCheckpoint(long size, byte[] root)
    {
        SignedSize = size;
        SignedRoot = root;
    }

    /// <summary>Forgets everything: not the holder, or the log must be re-read before anything is numbered.</summary>
    public void Release()
    {
        Frontier = null;
        NumberUntil = DateTimeOffset.MinValue;
        SignedSize = -1;
        SignedRoot = null;
    }

    /// <summary>Takes the frontier a committed batch extended (a batch that failed leaves the old one in place).</summary>
    public void Advance(MerkleFrontier frontier) => Frontier = frontier;
}
