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
