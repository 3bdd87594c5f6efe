using System.CommandLine;
using Registry.Cli.Commands.Audit;
using Registry.Cli.Commands.Check;
using Registry.Cli.Commands.Consent;
using Registry.Cli.Commands.Identity;
using Registry.Cli.Commands.Import;
using Registry.Cli.Commands.Keys;
using Registry.Cli.Commands.Partners;
using Registry.Cli.Commands.Records;
using Registry.Cli.Infrastructure;
using Registry.Client;

namespace Registry.Cli;

/// <summary>Builds the <c>registry</c> root command with every subcommand.</summary>
internal static class RootCommandFactory
{
    /// <summary>Creates the root command.</summary>
    /// <param name="clientFactory">Creates the SDK client from the resolved connection (default: a real <see cref="RegistryClient"/>);
    /// tests route it into an in-process server through <see cref="RegistryClientOptions.HttpHandler"/>.</param>
    /// <param name="timeProvider">The clock (default: the system clock).</param>
    /// <param name="getEnvironmentVariable">Reads REGISTRY_SERVER and REGISTRY_API_KEY (default: the process environment).</param>
    public static RootCommand Create(
        Func<CliConnection, RegistryClient>? clientFactory = null,
        TimeProvider? timeProvider = null,
        Func<string, string?>? getEnvironmentVariable = null)
    {
        var clock = timeProvider ?? TimeProvider.System;
        var context = new CliContext(
            clientFactory ?? (connection => CliContext.CreateDefaultClient(connection, clock)),
            clock,
            getEnvironmentVariable ?? Environment.GetEnvironmentVariable);
        var root = new RootCommand($"""
            registry: administer and audit the Registry service.

            {ExitCodes.HelpText}
            """);
        root.Add(context.Options.Server);
        root.Add(context.Options.ApiKey);
        root.Add(context.Options.Json);
        root.Add(IdentityCommand.Create(context));
        root.Add(PartnersCommand.Create(context));
        root.Add(KeysCommand.Create(context));
        root.Add(ConsentCommand.Create(context));
        root.Add(CheckCommand.Create(context));
        root.Add(RecordsCommand.Create(context));
        root.Add(ImportCommand.Create(context));
        root.Add(ImportsCommand.Create(context));
        root.Add(AuditCommand.Create(context));
        return root;
    }
}
