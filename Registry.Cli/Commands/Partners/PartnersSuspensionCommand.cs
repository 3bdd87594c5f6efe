using System.CommandLine;
using Registry.Cli.Infrastructure;
using Registry.Cli.Parsing;

namespace Registry.Cli.Commands.Partners;

/// <summary><c>registry partners suspend|reinstate &lt;partner-id&gt; --reason R</c> (admin key).</summary>
internal static class PartnersSuspensionCommand
{
    public static Command Create(CliContext context, bool suspend)
    {
        var partnerId = new Argument<string>("partner-id") { Description = "The partner." };
        var reason = CommonOptions.Reason();
        var command = new Command(
            suspend ? "suspend" : "reinstate",
            suspend ? "Suspend a partner: every key of it is refused until reinstated." : "Reinstate a suspended partner.")
        {
            partnerId,
            reason,
        };
        command.SetMappedAction(context, async (parseResult, output, cancellationToken) =>
        {
            var changed = await context.CreateClient(parseResult).SetPartnerSuspendedAsync(
                parseResult.GetValue(partnerId)!, suspend, parseResult.GetValue(reason)!, cancellationToken);
            PartnerChangedResult.Write(output, changed.Partner, changed.AuditEntryId);
            return ExitCodes.Ok;
        });
        return command;
    }
}
