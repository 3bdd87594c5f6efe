namespace Registry.Client.Admin;

/// <summary>A newly issued API key. The secret appears here once and can never be retrieved again.</summary>
/// <remarks>Built by the client from the service's answers; tests build it with <see cref="RegistryModelFactory"/>.</remarks>
public sealed class IssuedApiKey
{
    internal IssuedApiKey(string keyId, string apiKey, DateTimeOffset createdAt, string auditEntryId)
    {
        KeyId = keyId;
        ApiKey = apiKey;
        CreatedAt = createdAt;
        AuditEntryId = auditEntryId;
    }

    /// <summary>Gets the key id (not secret).</summary>
    public string KeyId { get; }

    /// <summary>Gets the full secret key, <c>rk_&lt;key id&gt;_&lt;secret&gt;</c>; store it safely, never log it.</summary>
    public string ApiKey { get; }

    /// <summary>Gets when the key was issued (UTC).</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Gets the id of the audit entry that records the issuance.</summary>
    public string AuditEntryId { get; }

    /// <summary>Returns a description that names the key id and hides the secret.</summary>
    /// <returns>For example <c>rk_abc_***</c>.</returns>
    public override string ToString() => $"rk_{KeyId}_***";
}
