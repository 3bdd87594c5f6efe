using Registry.Client.Transparency;

namespace Registry.Service.Audit;

/// <summary>
/// What one sequencing cycle did: whether this replica holds the lease, how many entries it numbered, and when the oldest
/// of them was written (for the lag metric, <see cref="AuditMetrics"/>).
/// </summary>
public sealed record SequencingResult(bool IsHolder, MerkleFrontier? Frontier, int Sequenced, string? Problem, DateTime? OldestPendingAt = null)
{
    public static SequencingResult NotHolder { get; } = new(false, null, 0, null);

    public static SequencingResult Held(MerkleFrontier frontier, int sequenced, DateTime? oldestPendingAt = null) =>
        new(true, frontier, sequenced, null, oldestPendingAt);

    public static SequencingResult Refused(string problem) => new(true, null, 0, problem);
}

/// <summary>
/// What a sequencing step (<see cref="AuditSequencingCycle"/>) did inside the audit writer's transaction: whether its
/// writes are kept (a renewed lease, numbered entries, a checkpoint) or rolled back with its savepoint, and what
/// becomes the writer's state once the transaction commits.
/// </summary>
internal sealed record SequencingStep(SequencingResult Result, bool Keep, DateTimeOffset At = default, bool Signed = false)
{
    public static SequencingStep Discarded(SequencingResult result) => new(result, Keep: false);

    public static SequencingStep Kept(SequencingResult result, DateTimeOffset at = default, bool signed = false) => new(result, Keep: true, at, signed);

    /// <summary>
    /// The frontier the batch's own entries are numbered on, in the same transaction: the step's, while its lease (renewed
    /// <see cref="At"/>) is fresh by the same rule as <see cref="AuditSequencingState.NumberingFrontier"/>.
    /// </summary>
    public MerkleFrontier? NumberingFrontier(DateTimeOffset now, TimeSpan leaseDuration) =>
        Result is { Problem: null, Frontier: { } frontier } && now < At + (leaseDuration / 2) ? frontier : null;

    /// <summary>Once the transaction committed: the writer numbers on from <paramref name="numbered"/> (or the step's frontier).</summary>
    public void ApplyCommitted(AuditSequencingState state, MerkleFrontier? numbered, TimeSpan leaseDuration)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (Result is not { Problem: null, Frontier: { } signedTree })
        {
            return;
        }

        state.Hold(numbered ?? signedTree, At, leaseDuration);
        if (Signed)
        {
            state.RememberCheckpoint(signedTree.Size, signedTree.RootHash());
        }
    }
}
