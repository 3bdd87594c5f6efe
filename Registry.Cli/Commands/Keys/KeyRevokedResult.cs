namespace Registry.Cli.Commands.Keys;

/// <summary>The <c>--json</c> document of <c>registry keys revoke</c>.</summary>
internal sealed record KeyRevokedResult(string KeyId, DateTimeOffset RevokedAt, string AuditEntryId);
