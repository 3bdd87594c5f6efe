namespace Registry.Client.Audit;

/// <summary>A signed checkpoint of the audit log (C2SP tlog-checkpoint): origin, tree size and root hash.</summary>
/// <remarks>Built by the client from the service's answers; tests build it with <see cref="RegistryModelFactory"/>.</remarks>
public sealed class AuditCheckpoint
{
    internal AuditCheckpoint(string origin, long treeSize, ReadOnlyMemory<byte> rootHash, string signedNote, DateTimeOffset createdAt)
    {
        Origin = origin;
        TreeSize = treeSize;
        RootHash = rootHash;
        SignedNote = signedNote;
        CreatedAt = createdAt;
    }

    /// <summary>Gets the log's origin line.</summary>
    public string Origin { get; }

    /// <summary>Gets the number of entries the checkpoint covers.</summary>
    public long TreeSize { get; }

    /// <summary>Gets the RFC 6962 root hash, 32 bytes.</summary>
    public ReadOnlyMemory<byte> RootHash { get; }

    /// <summary>Gets the full signed note text, verifiable with the public key.</summary>
    public string SignedNote { get; }

    /// <summary>Gets when the checkpoint was signed (UTC).</summary>
    public DateTimeOffset CreatedAt { get; }
}
