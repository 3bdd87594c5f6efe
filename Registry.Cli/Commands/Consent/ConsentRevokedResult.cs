namespace Registry.Cli.Commands.Consent;

/// <summary>The <c>--json</c> document of <c>registry consent revoke</c>.</summary>
internal sealed record ConsentRevokedResult(string ConsentId, DateTimeOffset RevokedAt, string AuditEntryId);
