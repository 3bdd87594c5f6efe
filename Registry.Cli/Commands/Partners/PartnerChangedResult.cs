using Registry.Cli.Infrastructure;
using Registry.Cli.Json;
using Registry.Client.Admin;

namespace Registry.Cli.Commands.Partners;

/// <summary>The <c>--json</c> document of <c>registry partners suspend|reinstate|quota</c>.</summary>
internal sealed record PartnerChangedResult(PartnerView Partner, string AuditEntryId)
{
    /// <summary>Prints the audit receipt on stderr and the changed partner (text or JSON) on stdout.</summary>
    public static void Write(CommandOutput output, PartnerInfo partner, string auditEntryId)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Info($"audit receipt: {auditEntryId}");
        output.WriteResult(
            new PartnerChangedResult(PartnerView.From(partner), auditEntryId),
            CliJsonContext.Default.PartnerChangedResult,
            (writer, result) => result.Partner.WriteText(writer));
    }
}
