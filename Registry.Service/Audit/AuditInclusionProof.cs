namespace Registry.Service.Audit;

/// <summary>An inclusion proof of one entry in the tree of <paramref name="TreeSize"/> entries.</summary>
public sealed record AuditInclusionProof(
    AuditEntry Entry, byte[] CanonicalEntry, long TreeSize, IReadOnlyList<byte[]> Path, AuditCheckpoint? Checkpoint, string AuditEntryId);
