using Registry.Service.Consent;

namespace Registry.Service.Partners;

/// <summary>A partner app, an auditor or an administrator, with its role and allowed purposes.</summary>
public sealed class Partner
{
    /// <summary>The longest partner name, in UTF-16 code units.</summary>
    public const int MaxNameLength = 200;

    public required string Id { get; init; }

    public required string Name { get; set; }

    /// <summary>The name's comparison key (<see cref="PartnerNames.Key"/>), unique: names are unique ignoring case, width and spacing.</summary>
    public required string NormalizedName { get; set; }

    public required PartnerRole Role { get; init; }

    /// <summary>The purposes a partner may use; empty for auditors and admins.</summary>
    public List<ConsentPurpose> AllowedPurposes { get; set; } = [];

    public bool IsSuspended { get; set; }

    /// <summary>The partner's own quota, when an administrator set one (<see cref="QuotaBurst"/> is set with it).</summary>
    public int? QuotaPermitsPerSecond { get; set; }

    public int? QuotaBurst { get; set; }

    public DateTime CreatedAt { get; init; }

    public Guid Version { get; set; }

    public List<ApiKey> ApiKeys { get; } = [];
}
