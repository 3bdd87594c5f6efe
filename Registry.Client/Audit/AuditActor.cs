using Registry.Client.Admin;

namespace Registry.Client.Audit;

/// <summary>Who made an audited call.</summary>
/// <remarks>Built by the client from the service's answers; tests build it with <see cref="RegistryModelFactory"/>.</remarks>
public sealed class AuditActor
{
    internal AuditActor(string partnerId, string keyId, Role? role)
    {
        PartnerId = partnerId;
        KeyId = keyId;
        Role = role;
    }

    /// <summary>Gets the partner id; empty for the service itself (e.g. the bootstrap admin key).</summary>
    public string PartnerId { get; }

    /// <summary>Gets the API key id used.</summary>
    public string KeyId { get; }

    /// <summary>Gets the caller's role, when recorded.</summary>
    public Role? Role { get; }
}
