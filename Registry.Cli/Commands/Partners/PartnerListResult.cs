namespace Registry.Cli.Commands.Partners;

/// <summary>The <c>--json</c> document of <c>registry partners list</c>.</summary>
internal sealed record PartnerListResult(IReadOnlyList<PartnerView> Partners);
