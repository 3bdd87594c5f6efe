namespace Registry.Cli.Commands.Consent;

/// <summary>The <c>--json</c> document of <c>registry consent grant</c>.</summary>
internal sealed record ConsentGrantedResult(string ConsentId, DateTimeOffset ExpiresAt, int MaxUses, string AuditEntryId);
