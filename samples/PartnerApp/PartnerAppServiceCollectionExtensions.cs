using Microsoft.Extensions.DependencyInjection.Extensions;
using Registry.Client;

namespace PartnerApp;

public static class PartnerAppServiceCollectionExtensions
{
    /// <summary>The registry client (one for the process, from the <c>Registry</c> section) and the wording of results.</summary>
    public static IServiceCollection AddPartnerApp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<HelpOptions>().BindConfiguration(HelpOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SafetyWording>();
        services.AddProblemDetails();

        // The client is built here, at start-up, so a missing endpoint or key stops the app before the first request.
        var registry = configuration.GetSection(PartnerAppOptions.SectionName).Get<PartnerAppOptions>() ?? new PartnerAppOptions();
        if (registry.Endpoint is null || string.IsNullOrWhiteSpace(registry.ApiKey))
        {
            throw new InvalidOperationException(
                $"Set {PartnerAppOptions.SectionName}:Endpoint and {PartnerAppOptions.SectionName}:ApiKey (e.g. Registry__Endpoint, Registry__ApiKey).");
        }

        return services.AddRegistryClient(registry.Endpoint, new RegistryApiKeyCredential(registry.ApiKey),
            o => o.Timeout = TimeSpan.FromSeconds(10));
    }
}
