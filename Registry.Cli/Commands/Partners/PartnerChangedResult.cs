namespace Registry.Cli.Commands.Partners;

/// <summary>The <c>--json</c> document of <c>registry partners suspend|reinstate</c>.</summary>
internal sealed record PartnerChangedResult(PartnerView Partner, string AuditEntryId);
