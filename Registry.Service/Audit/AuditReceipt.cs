namespace Registry.Service.Audit;

/// <summary>
/// The durable entry of a call: its id, and the refusal reason when its change was refused at commit; or, for a call whose
/// prepared change withdrew it (<see cref="IPreparedChange.Withdrawn"/>), no entry at all.
/// </summary>
public sealed record AuditReceipt(string EntryId, string? RefusalReason)
{
    internal static readonly AuditReceipt WithdrawnReceipt = new(string.Empty, null) { IsWithdrawn = true };

    public bool IsRefused => RefusalReason is not null;

    /// <summary>Nothing was written and no entry records the call: its caller must decide it again.</summary>
    public bool IsWithdrawn { get; private init; }
}
