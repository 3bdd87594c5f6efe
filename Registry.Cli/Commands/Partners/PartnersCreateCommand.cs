using System.CommandLine;
using Registry.Cli.Commands.Keys;
using Registry.Cli.Infrastructure;
using Registry.Cli.Json;
using Registry.Cli.Parsing;
using Registry.Client.Admin;
using Registry.Client.Consents;

namespace Registry.Cli.Commands.Partners;

/// <summary><c>registry partners create</c>: a partner and its first API key (admin key).</summary>
internal static class PartnersCreateCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Option<string>("--name") { Description = "The partner's unique name, 1..200 characters.", Required = true };
        var role = CommonOptions.Role();
        var purposes = CommonOptions.Purposes();
        var command = new Command("create", "Create a partner and print its id and first API key (shown once).") { name, role, purposes };
        command.SetMappedAction(context, async (parseResult, output, cancellationToken) =>
        {
            var client = context.CreateClient(parseResult);
            var created = await client.CreatePartnerAsync(
                parseResult.GetValue(name)!,
                Enum.Parse<Role>(EnumToken.ToPascal(parseResult.GetValue(role)!)),
                (parseResult.GetValue(purposes) ?? []).Select(p => Enum.Parse<Purpose>(EnumToken.ToPascal(p))).ToArray(),
                cancellationToken);

            output.Warn(ApiKeyView.StoreItNowWarning);
            output.Info($"audit receipt: {created.AuditEntryId}");
            output.WriteResult(
                new PartnerCreatedResult(PartnerView.From(created.Partner), ApiKeyView.From(created.ApiKey), created.AuditEntryId),
                CliJsonContext.Default.PartnerCreatedResult,
                (writer, result) =>
                {
                    writer.WriteLine($"partner-id: {result.Partner.PartnerId}");
                    writer.WriteLine($"key-id:     {result.ApiKey.KeyId}");
                    writer.WriteLine($"api-key:    {result.ApiKey.ApiKey}");
                });
            return ExitCodes.Ok;
        });
        return command;
    }
}
