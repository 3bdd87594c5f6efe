namespace Registry.Client.Admin;

/// <summary>The receipt of an API key revocation.</summary>
/// <remarks>Built by the client from the service's answers; tests build it with <see cref="RegistryModelFactory"/>.</remarks>
public sealed class ApiKeyRevocation
{
    internal ApiKeyRevocation(DateTimeOffset revokedAt, string auditEntryId)
    {
        RevokedAt = revokedAt;
        AuditEntryId = auditEntryId;
    }

    /// <summary>Gets when the key was revoked (UTC); it stops working on every replica within seconds.</summary>
    public DateTimeOffset RevokedAt { get; }

    /// <summary>Gets the id of the audit entry that records the revocation.</summary>
    public string AuditEntryId { get; }
}
