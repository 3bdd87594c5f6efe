using Registry.Cli.Commands.Keys;

namespace Registry.Cli.Commands.Partners;

/// <summary>The <c>--json</c> document of <c>registry partners create</c>.</summary>
internal sealed record PartnerCreatedResult(PartnerView Partner, ApiKeyView ApiKey, string AuditEntryId);
