namespace Registry.Service.Audit;

/// <summary>The database lease that makes one replica the log's only sequencer until it expires.</summary>
public sealed class SequencerLease
{
    /// <summary>The one lease there is: the audit log's sequencer.</summary>
    public const string AuditSequencerName = "audit-sequencer";

    public required string Name { get; init; }

    public required string HolderId { get; set; }

    public DateTime ExpiresAt { get; set; }
}
