using Registry.Service.Consent;

namespace Registry.Service.Partners;

/// <summary>A request to create a partner (null role = not given).</summary>
public sealed record CreatePartnerCommand(string Name, PartnerRole? Role, IReadOnlyList<ConsentPurpose?> AllowedPurposes);
