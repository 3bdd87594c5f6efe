namespace Registry.Service.Audit;

/// <summary>The database lease that makes one replica the log's only sequencer until it expires.</summary>
public sealed class SequencerLease
{
    public required string Name { get; init; }

    public required string HolderId { get; set; }

    public DateTime ExpiresAt { get; set; }
}
