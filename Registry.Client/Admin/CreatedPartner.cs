namespace Registry.Client.Admin;

/// <summary>A partner that was just created, with its first API key.</summary>
/// <remarks>Built by the client from the service's answers; tests build it with <see cref="RegistryModelFactory"/>.</remarks>
public sealed class CreatedPartner
{
    internal CreatedPartner(PartnerInfo partner, IssuedApiKey apiKey, string auditEntryId)
    {
        Partner = partner;
        ApiKey = apiKey;
        AuditEntryId = auditEntryId;
    }

    /// <summary>Gets the new partner.</summary>
    public PartnerInfo Partner { get; }

    /// <summary>Gets its first API key; the secret is shown only this once.</summary>
    public IssuedApiKey ApiKey { get; }

    /// <summary>Gets the id of the audit entry that records the creation.</summary>
    public string AuditEntryId { get; }
}
