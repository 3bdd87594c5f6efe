using Registry.Client.Consents;

namespace Registry.Client.Admin;

/// <summary>A partner (a partner app, an auditor or an administrator) and its permissions.</summary>
/// <remarks>Built by the client from the service's answers; tests build it with <see cref="RegistryModelFactory"/>.</remarks>
public sealed class PartnerInfo
{
    internal PartnerInfo(string partnerId, string name, Role role, IReadOnlyList<Purpose> allowedPurposes, bool isSuspended, DateTimeOffset createdAt,
        int? quotaPermitsPerSecond = null, int? quotaBurst = null)
    {
        QuotaPermitsPerSecond = quotaPermitsPerSecond;
        QuotaBurst = quotaBurst;
        PartnerId = partnerId;
        Name = name;
        Role = role;
        AllowedPurposes = allowedPurposes;
        IsSuspended = isSuspended;
        CreatedAt = createdAt;
    }

    /// <summary>Gets the partner id.</summary>
    public string PartnerId { get; }

    /// <summary>Gets the partner's unique name.</summary>
    public string Name { get; }

    /// <summary>Gets the role of the partner and of all its keys.</summary>
    public Role Role { get; }

    /// <summary>Gets the purposes the partner may use (partners only; empty for other roles).</summary>
    public IReadOnlyList<Purpose> AllowedPurposes { get; }

    /// <summary>Gets whether the partner is suspended (its keys are refused).</summary>
    public bool IsSuspended { get; }

    /// <summary>Gets when the partner was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Gets the partner's own quota in permits per second, or null when it has the service's default.</summary>
    public int? QuotaPermitsPerSecond { get; }

    /// <summary>Gets the partner's own quota burst (bucket size), or null when it has the service's default.</summary>
    public int? QuotaBurst { get; }
}
