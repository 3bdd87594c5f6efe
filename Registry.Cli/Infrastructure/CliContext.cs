using System.CommandLine;
using Registry.Client;

namespace Registry.Cli.Infrastructure;

/// <summary>What every command needs besides its own options: the global options, the clock, the environment and the client factory.</summary>
internal sealed class CliContext(
    Func<CliConnection, RegistryClient> clientFactory,
    TimeProvider timeProvider,
    Func<string, string?> getEnvironmentVariable)
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

    /// <summary>Creates the SDK client for this invocation.</summary>
    /// <exception cref="CliUsageException">No API key was given, or it does not have the shape of one.</exception>
    public RegistryClient CreateClient(ParseResult parseResult)
    {
        var connection = ResolveConnection(parseResult);
        if (connection.ApiKey is null)
        {
            throw new CliUsageException($"No API key: pass --api-key or set ${GlobalOptions.ApiKeyVariable}.");
        }

        try
        {
            _ = new RegistryApiKeyCredential(connection.ApiKey);
        }
        catch (ArgumentException)
        {
            // The SDK's message never contains the key; ours neither.
            throw new CliUsageException("The API key does not have the shape rk_<key id>_<secret>.");
        }

        return clientFactory(connection);
    }

    /// <summary>The production client: the SDK with its default resilience, on this process's clock.</summary>
    public static RegistryClient CreateDefaultClient(CliConnection connection, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new RegistryClient(
            connection.Server,
            new RegistryApiKeyCredential(connection.ApiKey ?? string.Empty),
            new RegistryClientOptions { TimeProvider = timeProvider });
    }
}
