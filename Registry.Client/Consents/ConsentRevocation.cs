namespace Registry.Client.Consents;

/// <summary>The receipt of a consent revocation.</summary>
/// <remarks>Built by the client from the service's answers; tests build it with <see cref="RegistryModelFactory"/>.</remarks>
public sealed class ConsentRevocation
{
    internal ConsentRevocation(DateTimeOffset revokedAt, string auditEntryId)
    {
        RevokedAt = revokedAt;
        AuditEntryId = auditEntryId;
    }

    /// <summary>Gets when the revocation took effect (UTC).</summary>
    public DateTimeOffset RevokedAt { get; }

    /// <summary>Gets the id of the audit entry that records the revocation.</summary>
    public string AuditEntryId { get; }
}
