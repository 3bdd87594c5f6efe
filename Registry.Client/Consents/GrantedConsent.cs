namespace Registry.Client.Consents;

/// <summary>A consent the service recorded: the id to check under, and its limits.</summary>
/// <remarks>Built by the client from the service's answers; tests build it with <see cref="RegistryModelFactory"/>.</remarks>
public sealed class GrantedConsent
{
    internal GrantedConsent(string consentId, DateTimeOffset expiresAt, int maxUses, string auditEntryId)
    {
        ConsentId = consentId;
        ExpiresAt = expiresAt;
        MaxUses = maxUses;
        AuditEntryId = auditEntryId;
    }

    /// <summary>Gets the consent id: opaque and unguessable; pass it to <see cref="RegistryClient.CheckAsync"/>.</summary>
    public string ConsentId { get; }

    /// <summary>Gets when the consent expires (UTC).</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>Gets how many checks the consent allows.</summary>
    public int MaxUses { get; }

    /// <summary>Gets the id of the audit entry that records the grant: a receipt.</summary>
    public string AuditEntryId { get; }
}
