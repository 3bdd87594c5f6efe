using System.CommandLine;

namespace Registry.Cli.Infrastructure;

/// <summary>The recursive options of the root command: <c>--server</c>, <c>--api-key</c>, <c>--json</c>.</summary>
/// <remarks>
/// Neither <c>--server</c> nor <c>--api-key</c> has a <c>DefaultValueFactory</c>: help prints defaults, and a default
/// read from <c>REGISTRY_API_KEY</c> would echo the key. The environment is read when a command runs instead.
/// </remarks>
internal sealed class GlobalOptions
{
    public const string ServerVariable = "REGISTRY_SERVER";
    public const string ApiKeyVariable = "REGISTRY_API_KEY";
    public static readonly Uri DefaultServer = new("http://localhost:5080");

    public Option<Uri?> Server { get; } = new("--server", "-s")
    {
        Description = $"The service address. Default: ${ServerVariable}, else {DefaultServer}.",
        HelpName = "url",
        Recursive = true,
        CustomParser = result => ParseServer(result.Tokens[0].Value, result.AddError),
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = $"The API key (rk_<key id>_<secret>). Default: ${ApiKeyVariable}. Never printed.",
        HelpName = "key",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Write the result to stdout as exactly one JSON document (camelCase, ISO-8601 UTC).",
        Recursive = true,
    };

    /// <summary>Parses a server address: an absolute http or https URI.</summary>
    public static Uri? ParseServer(string text, Action<string> addError)
    {
        ArgumentNullException.ThrowIfNull(addError);
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        addError($"'{text}' is not a server address; expected an absolute http:// or https:// URL.");
        return null;
    }
}
