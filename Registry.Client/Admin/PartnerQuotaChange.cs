namespace Registry.Client.Admin;

/// <summary>The outcome of setting a partner's quota, or returning it to the service's defaults.</summary>
public sealed class PartnerQuotaChange
{
    internal PartnerQuotaChange(PartnerInfo partner, string auditEntryId)
    {
        Partner = partner;
        AuditEntryId = auditEntryId;
    }

    /// <summary>Gets the partner after the change.</summary>
    public PartnerInfo Partner { get; }

    /// <summary>Gets the id of the audit entry that records the change.</summary>
    public string AuditEntryId { get; }
}
