namespace Registry.Service.Audit;

/// <summary>A consistency proof that the tree of <paramref name="FirstSize"/> is a prefix of <paramref name="SecondSize"/>.</summary>
public sealed record AuditConsistencyProof(
    long FirstSize, long SecondSize, IReadOnlyList<byte[]> Path,
    AuditCheckpoint? FirstCheckpoint, AuditCheckpoint? SecondCheckpoint, string AuditEntryId);
