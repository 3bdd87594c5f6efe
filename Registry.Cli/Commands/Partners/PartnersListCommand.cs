using System.CommandLine;
using Registry.Cli.Infrastructure;
using Registry.Cli.Json;

namespace Registry.Cli.Commands.Partners;

/// <summary><c>registry partners list</c> (admin key).</summary>
internal static class PartnersListCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("list", "List partners: id, role, suspended, name, purposes (tab-separated).");
        command.SetMappedAction(context, async (parseResult, output, cancellationToken) =>
        {
            var partners = await context.CreateClient(parseResult).ListPartnersAsync(cancellationToken);
            output.WriteResult(
                new PartnerListResult(partners.Select(PartnerView.From).ToArray()),
                CliJsonContext.Default.PartnerListResult,
                (writer, result) =>
                {
                    foreach (var p in result.Partners)
                    {
                        writer.WriteLine($"{p.PartnerId}\t{p.Role}\t{(p.Suspended ? "suspended" : "active")}\t{p.Name}\t{string.Join(",", p.Purposes)}");
                    }
                });
            return ExitCodes.Ok;
        });
        return command;
    }
}
