using System.CommandLine;
using Registry.Cli.Infrastructure;

namespace Registry.Cli.Commands.Partners;

/// <summary><c>registry partners</c>: partners and their roles (admin key).</summary>
internal static class PartnersCommand
{
    public static Command Create(CliContext context) =>
        new("partners", "Manage partners (admin key).")
        {
            PartnersCreateCommand.Create(context),
            PartnersListCommand.Create(context),
            PartnersSuspensionCommand.Create(context, suspend: true),
            PartnersSuspensionCommand.Create(context, suspend: false),
            PartnersQuotaCommand.Create(context),
        };
}
