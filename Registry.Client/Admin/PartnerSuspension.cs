namespace Registry.Client.Admin;

/// <summary>The outcome of suspending or reinstating a partner.</summary>
/// <remarks>Built by the client from the service's answers; tests build it with <see cref="RegistryModelFactory"/>.</remarks>
public sealed class PartnerSuspension
{
    internal PartnerSuspension(PartnerInfo partner, string auditEntryId)
    {
        Partner = partner;
        AuditEntryId = auditEntryId;
    }

    /// <summary>Gets the partner after the change.</summary>
    public PartnerInfo Partner { get; }

    /// <summary>Gets the id of the audit entry that records the change.</summary>
    public string AuditEntryId { get; }
}
