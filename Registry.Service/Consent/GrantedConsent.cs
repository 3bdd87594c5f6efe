namespace Registry.Service.Consent;

/// <summary>The result of a grant.</summary>
public sealed record GrantedConsent(string ConsentId, DateTime ExpiresAt, int MaxUses, string AuditEntryId);
