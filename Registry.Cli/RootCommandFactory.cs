using System.CommandLine;
using Registry.Cli.Commands.Identity;
using Registry.Cli.Infrastructure;

namespace Registry.Cli;

/// <summary>Builds the <c>registry</c> root command with every subcommand.</summary>
internal static class RootCommandFactory
{
    /// <summary>Creates the root command.</summary>
    /// <param name="timeProvider">The clock (default: the system clock).</param>
    /// <param name="getEnvironmentVariable">Reads REGISTRY_SERVER and REGISTRY_API_KEY (default: the process environment).</param>
    public static RootCommand Create(
        TimeProvider? timeProvider = null,
        Func<string, string?>? getEnvironmentVariable = null)
    {
        var context = new CliContext(timeProvider ?? TimeProvider.System, getEnvironmentVariable ?? Environment.GetEnvironmentVariable);
        var root = new RootCommand($"""
            registry: administer and audit the Registry service.

            {ExitCodes.HelpText}
            """);
        root.Add(context.Options.Server);
        root.Add(context.Options.ApiKey);
        root.Add(context.Options.Json);
        root.Add(IdentityCommand.Create(context));
        return root;
    }
}
