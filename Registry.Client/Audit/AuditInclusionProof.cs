namespace Registry.Client.Audit;

/// <summary>The RFC 9162 inclusion proof of one audit entry in a tree of a given size.</summary>
/// <remarks>Built by the client from the service's answers; tests build it with <see cref="RegistryModelFactory"/>.</remarks>
public sealed class AuditInclusionProof
{
    internal AuditInclusionProof(AuditEntryInfo entry, ReadOnlyMemory<byte> canonicalEntry, long leafIndex, long treeSize, IReadOnlyList<ReadOnlyMemory<byte>> proof, AuditCheckpoint? checkpoint, string auditEntryId)
    {
        Entry = entry;
        CanonicalEntry = canonicalEntry;
        LeafIndex = leafIndex;
        TreeSize = treeSize;
        Proof = proof;
        Checkpoint = checkpoint;
        AuditEntryId = auditEntryId;
    }

    /// <summary>Gets the proven entry.</summary>
    public AuditEntryInfo Entry { get; }

    /// <summary>Gets the entry's canonical bytes, so the leaf hash can be recomputed.</summary>
    public ReadOnlyMemory<byte> CanonicalEntry { get; }

    /// <summary>Gets the entry's leaf index.</summary>
    public long LeafIndex { get; }

    /// <summary>Gets the tree size proven against.</summary>
    public long TreeSize { get; }

    /// <summary>Gets the audit path, from the leaf up.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Proof { get; }

    /// <summary>Gets the checkpoint of the tree size, to verify the root against.</summary>
    public AuditCheckpoint? Checkpoint { get; }

    /// <summary>Gets the id of the audit entry that records this request.</summary>
    public string AuditEntryId { get; }
}
