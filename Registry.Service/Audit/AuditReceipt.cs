namespace Registry.Service.Audit;

/// <summary>The durable entry of a call: its id, and the refusal reason when its change was refused at commit.</summary>
public sealed record AuditReceipt(string EntryId, string? RefusalReason)
{
    public bool IsRefused => RefusalReason is not null;
}
