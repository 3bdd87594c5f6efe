namespace Registry.Client.Audit;

/// <summary>The RFC 9162 consistency proof between two tree sizes of the audit log.</summary>
/// <remarks>Built by the client from the service's answers; tests build it with <see cref="RegistryModelFactory"/>.</remarks>
public sealed class AuditConsistencyProof
{
    internal AuditConsistencyProof(long firstSize, long secondSize, IReadOnlyList<ReadOnlyMemory<byte>> proof, AuditCheckpoint? firstCheckpoint, AuditCheckpoint? secondCheckpoint, string auditEntryId)
    {
        FirstSize = firstSize;
        SecondSize = secondSize;
        Proof = proof;
        FirstCheckpoint = firstCheckpoint;
        SecondCheckpoint = secondCheckpoint;
        AuditEntryId = auditEntryId;
    }

    /// <summary>Gets the smaller tree size.</summary>
    public long FirstSize { get; }

    /// <summary>Gets the larger tree size.</summary>
    public long SecondSize { get; }

    /// <summary>Gets the proof hashes.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Proof { get; }

    /// <summary>Gets the checkpoint of the first size, when one exists.</summary>
    public AuditCheckpoint? FirstCheckpoint { get; }

    /// <summary>Gets the checkpoint of the second size, when one exists.</summary>
    public AuditCheckpoint? SecondCheckpoint { get; }

    /// <summary>Gets the id of the audit entry that records this request.</summary>
    public string AuditEntryId { get; }
}
