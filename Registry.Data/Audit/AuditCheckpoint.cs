namespace Registry.Service.Audit;

/// <summary>A signed checkpoint of the log: a C2SP signed note over (origin, tree size, root hash).</summary>
public sealed class AuditCheckpoint
{
    public long TreeSize { get; init; }

    public required byte[] RootHash { get; init; }

    public required string SignedNote { get; init; }

    public DateTime CreatedAt { get; init; }
}
