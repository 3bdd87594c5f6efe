namespace Registry.Cli.Infrastructure;

/// <summary>Where and as whom the CLI calls the service, resolved from the global options and the environment.</summary>
/// <param name="Server">The service address.</param>
/// <param name="ApiKey">The API key, or null when none was given.</param>
internal sealed record CliConnection(Uri Server, string? ApiKey)
{
    /// <summary>Never prints the key: records print their members by default.</summary>
    public override string ToString() => $"{Server} (api key {(ApiKey is null ? "not set" : "set")})";
}
