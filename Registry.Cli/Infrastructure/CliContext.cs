using System.CommandLine;

namespace Registry.Cli.Infrastructure;

/// <summary>What every command needs besides its own options: the global options, the clock, the environment and the client factory.</summary>
internal sealed class CliContext(TimeProvider timeProvider, Func<string, string?> getEnvironmentVariable)
{
    public GlobalOptions Options { get; } = new();

    public TimeProvider TimeProvider => timeProvider;

    /// <summary>The output of this invocation, honouring <c>--json</c>.</summary>
    public CommandOutput CreateOutput(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var configuration = parseResult.InvocationConfiguration;
        return new CommandOutput(configuration.Output, configuration.Error, parseResult.GetValue(Options.Json));
    }

    /// <summary>Resolves <c>--server</c> and <c>--api-key</c>, falling back to the environment, then the defaults.</summary>
    /// <exception cref="CliUsageException">REGISTRY_SERVER is not a valid address.</exception>
    public CliConnection ResolveConnection(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var server = parseResult.GetValue(Options.Server);
        if (server is null && getEnvironmentVariable(GlobalOptions.ServerVariable) is { Length: > 0 } fromEnvironment)
        {
            server = GlobalOptions.ParseServer(fromEnvironment, error => throw new CliUsageException($"${GlobalOptions.ServerVariable}: {error}"));
        }

        var apiKey = parseResult.GetValue(Options.ApiKey);
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            apiKey = getEnvironmentVariable(GlobalOptions.ApiKeyVariable);
        }

        return new CliConnection(server ?? GlobalOptions.DefaultServer, string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim());
    }
}
