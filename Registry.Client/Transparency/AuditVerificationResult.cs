namespace Registry.Client.Transparency;

/// <summary>The outcome of verifying an audit log.</summary>
public sealed record AuditVerificationResult
{
    /// <summary>Gets a value indicating whether the log verified.</summary>
    public bool Ok => Problem == AuditVerificationProblem.None;

    /// <summary>Gets how many entries in the requested range were verified before stopping.</summary>
    public long EntriesVerified { get; init; }

    /// <summary>Gets how many checkpoints were verified (signature and root).</summary>
    public long CheckpointsVerified { get; init; }

    /// <summary>Gets the first bad sequence number, when one can be named.</summary>
    public long? FirstBadSequence { get; init; }

    /// <summary>Gets what is wrong; <see cref="AuditVerificationProblem.None"/> when <see cref="Ok"/>.</summary>
    public AuditVerificationProblem Problem { get; init; }

    /// <summary>Gets, for a checkpoint problem, the tree size of the previous checkpoint (the interval's exclusive start).</summary>
    public long? BadCheckpointFromSize { get; init; }

    /// <summary>Gets, for a checkpoint problem, the tree size of the bad checkpoint (the interval's inclusive end).</summary>
    public long? BadCheckpointToSize { get; init; }

    /// <summary>Gets a human-readable account naming the sequence and the problem; it contains no entry content.</summary>
    public string Message { get; init; } = string.Empty;
}
