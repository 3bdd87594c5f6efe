namespace Registry.Cli.Commands.Keys;

/// <summary>The <c>--json</c> document of <c>registry keys issue</c>.</summary>
internal sealed record KeyIssuedResult(string PartnerId, ApiKeyView ApiKey, string AuditEntryId);
