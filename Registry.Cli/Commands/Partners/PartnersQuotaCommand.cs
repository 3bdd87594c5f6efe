using System.CommandLine;
using Registry.Cli.Infrastructure;
using Registry.Cli.Parsing;

namespace Registry.Cli.Commands.Partners;

/// <summary>
/// <c>registry partners quota &lt;partner-id&gt; --per-second N --burst M [--reason R]</c>, or <c>--default</c> to return the
/// partner to the service's quota (admin key; audited).
/// </summary>
internal static class PartnersQuotaCommand
{
    public static Command Create(CliContext context)
    {
        var partnerId = new Argument<string>("partner-id") { Description = "The partner." };
        var perSecond = new Option<int?>("--per-second") { Description = "Permits added per second (1..1000000); a check costs 1, a CheckBatch 1 per item." };
        var burst = new Option<int?>("--burst") { Description = "The most permits spent at once (100..10000000)." };
        var useDefault = new Option<bool>("--default") { Description = "Return the partner to the service's default quota." };
        var reason = new Option<string>("--reason") { Description = "Why (recorded in the audit entry; no personal data).", DefaultValueFactory = _ => "quota change" };
        var command = new Command("quota", "Set a partner's own quota (token bucket), or return it to the default.")
        {
            partnerId,
            perSecond,
            burst,
            useDefault,
            reason,
        };
        command.SetMappedAction(context, async (parseResult, output, cancellationToken) =>
        {
            var isDefault = parseResult.GetValue(useDefault);
            var (rate, size) = (parseResult.GetValue(perSecond), parseResult.GetValue(burst));
            if (isDefault == (rate is not null || size is not null) || (!isDefault && (rate is null || size is null)))
            {
                throw new CliUsageException("give --per-second and --burst, or --default alone");
            }

            var changed = await context.CreateClient(parseResult).SetPartnerQuotaAsync(
                parseResult.GetValue(partnerId)!, rate ?? 0, size ?? 0, parseResult.GetValue(reason)!, cancellationToken);
            PartnerChangedResult.Write(output, changed.Partner, changed.AuditEntryId);
            return ExitCodes.Ok;
        });
        return command;
    }
}
