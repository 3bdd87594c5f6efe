using Microsoft.Extensions.Options;

namespace Registry.Client.Internal;

/// <summary>Validates a container's client registration at start-up; each message names the configuration key
/// (<c>Registry:Endpoint</c>) so an operator can fix the setting without reading code. Messages never repeat the API key.</summary>
/// <param name="sectionPath">The path of the bound configuration section, or <see langword="null"/> when the registration was
/// made in code.</param>
internal sealed class RegistryClientValidation(string? sectionPath) :
    IValidateOptions<RegistryClientConnection>, IValidateOptions<RegistryClientOptions>
{
    public ValidateOptionsResult Validate(string? name, RegistryClientConnection options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (string.IsNullOrWhiteSpace(options.Endpoint))
        {
            builder.AddError($"{Key("Endpoint")} is required: the address of the Registry service, e.g. http://localhost:5080.");
        }
        else if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint)
            || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            builder.AddError($"{Key("Endpoint")} must be an absolute http:// or https:// address, e.g. http://localhost:5080.");
        }

        if (options.Credential is not null)
        {
            // Given in code as a credential, which checked the key's shape when it was built.
        }
        else if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            builder.AddError($"{Key("ApiKey")} is required: the API key an administrator issued, rk_<key id>_<secret>.");
        }
        else if (!RegistryApiKeyCredential.HasKeyShape(options.ApiKey))
        {
            builder.AddError($"{Key("ApiKey")} is not an API key: a key has the shape rk_<key id>_<secret>.");
        }

        return builder.Build();
    }

    public ValidateOptionsResult Validate(string? name, RegistryClientOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        foreach (var (option, message) in options.FindProblems())
        {
            builder.AddError($"{Key(option)}: {message}");
        }

        return builder.Build();
    }

    private string Key(string option) => sectionPath is null ? option : $"{sectionPath}:{option}";
}
