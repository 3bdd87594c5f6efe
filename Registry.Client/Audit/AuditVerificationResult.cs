namespace Registry.Client.Audit;

/// <summary>The service's verification of a range of the audit log.</summary>
/// <remarks>Built by the client from the service's answers; tests build it with <see cref="RegistryModelFactory"/>.</remarks>
public sealed class AuditVerificationResult
{
    internal AuditVerificationResult(bool isOk, long entriesVerified, long checkpointsVerified, long? firstBadSequence, AuditVerificationProblem problem, string message, long badCheckpointFromSize, long badCheckpointToSize, string auditEntryId)
    {
        IsOk = isOk;
        EntriesVerified = entriesVerified;
        CheckpointsVerified = checkpointsVerified;
        FirstBadSequence = firstBadSequence;
        Problem = problem;
        Message = message;
        BadCheckpointFromSize = badCheckpointFromSize;
        BadCheckpointToSize = badCheckpointToSize;
        AuditEntryId = auditEntryId;
    }

    /// <summary>Gets whether the range verified.</summary>
    public bool IsOk { get; }

    /// <summary>Gets how many entries were verified.</summary>
    public long EntriesVerified { get; }

    /// <summary>Gets how many checkpoints were verified.</summary>
    public long CheckpointsVerified { get; }

    /// <summary>Gets the first bad sequence number, when not ok.</summary>
    public long? FirstBadSequence { get; }

    /// <summary>Gets what is wrong at the first bad position.</summary>
    public AuditVerificationProblem Problem { get; }

    /// <summary>Gets a human-readable account of the problem.</summary>
    public string Message { get; }

    /// <summary>Gets when stored hashes were rewritten consistently: the previous size of the checkpoint interval whose root no longer matches.</summary>
    public long BadCheckpointFromSize { get; }

    /// <summary>Gets the size of that checkpoint interval.</summary>
    public long BadCheckpointToSize { get; }

    /// <summary>Gets the id of the audit entry that records the verification.</summary>
    public string AuditEntryId { get; }
}
