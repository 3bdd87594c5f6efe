using Registry.Service.Consent;

namespace Registry.Service.Checks;

/// <summary>A check request in domain terms (null purpose = not given).</summary>
public sealed record CheckCommand(string ConsentId, byte[] H1, ConsentPurpose? Purpose, string? RequestId);
